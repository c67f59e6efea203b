package io.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboards are what Grafana provisions: the four the issue names, each with a unique uid, a
 * data source variable every query goes through, a service variable, and queries on every panel.
 * Whether their metrics exist is ObservabilityIT's job.
 */
final class DashboardFilesTest {

  @Test
  void theFourDashboardsExistWithUniqueUids() throws Exception {
    Set<String> uids = new HashSet<>();
    for (Path file : DashboardFiles.all()) {
      assertThat(uids.add(DashboardFiles.read(file).path("uid").asText()))
          .as(file + " uid")
          .isTrue();
    }
    assertThat(uids)
        .containsExactlyInAnyOrder(
            "sluice-overview", "sluice-probes", "sluice-actuation", "sluice-controller");
  }

  @Test
  void everyDashboardHasADataSourceAndAServiceVariable() throws Exception {
    for (Path file : DashboardFiles.all()) {
      List<String> variables = new ArrayList<>();
      for (JsonNode v : DashboardFiles.read(file).path("templating").path("list")) {
        variables.add(v.path("name").asText() + ":" + v.path("type").asText());
      }
      assertThat(variables).as(file.toString()).contains("datasource:datasource", "service:query");
    }
  }

  @Test
  void everyQueryGoesThroughTheDataSourceVariable() throws Exception {
    for (Path file : DashboardFiles.all()) {
      for (JsonNode panel : DashboardFiles.read(file).path("panels")) {
        String kind = panel.path("type").asText();
        if (kind.equals("row") || kind.equals("text")) {
          continue;
        }
        String where = file + " panel '" + panel.path("title").asText() + "'";
        assertThat(panel.path("targets").size()).as(where + " targets").isPositive();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText())
              .as(where)
              .isEqualTo("${datasource}");
          assertThat(target.path("expr").asText()).as(where).isNotBlank();
        }
      }
    }
  }

  @Test
  void theProvisioningFileLoadsAFolderOfFiles() throws Exception {
    JsonNode provider =
        new ObjectMapper(new YAMLFactory())
            .readTree(DashboardFiles.DIR.resolve("provisioning/dashboards/sluice.yml").toFile())
            .path("providers")
            .get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("options").path("path").asText()).isNotBlank();
  }
}

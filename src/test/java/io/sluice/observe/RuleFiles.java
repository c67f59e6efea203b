package io.sluice.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a Prometheus rule file: its alerts, recorded series and expressions. */
final class RuleFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleFiles() {}

  static List<String> alertNames(Path file) throws IOException {
    return field(file, "alert");
  }

  /** The names of the series the recording rules produce. */
  static List<String> recordNames(Path file) throws IOException {
    return field(file, "record");
  }

  static List<String> expressions(Path file) throws IOException {
    return field(file, "expr");
  }

  /** Each alert's name and its {@code for} (empty when it fires at once), in file order. */
  static Map<String, String> alertHolds(Path file) throws IOException {
    Map<String, String> holds = new LinkedHashMap<>();
    for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.hasNonNull("alert")) {
          holds.put(rule.get("alert").asText(), rule.path("for").asText(""));
        }
      }
    }
    return holds;
  }

  private static List<String> field(Path file, String name) throws IOException {
    List<String> values = new ArrayList<>();
    for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.hasNonNull(name)) {
          values.add(rule.get(name).asText());
        }
      }
    }
    return values;
  }
}

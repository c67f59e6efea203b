package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.controller.config.ProbeConfig;
import io.sluice.controller.daemon.DaemonOptions;
import io.sluice.sandbox.scenario.ScenarioSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The numbers of the README's demo walkthrough and examples follow from the configs they describe,
 * so that changing a config without its sentence (or the reverse) fails here. {@code DemoIT} and
 * {@code SimulateCommandTest} run the same stories.
 */
final class ReadmeNumbersTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Integer> WORDS =
      Map.of("four", 4, "five", 5, "six", 6, "seven", 7, "eight", 8, "nine", 9, "ten", 10);

  private final String readme = Files.readString(Path.of("README.md"));
  private final JsonNode demo = yaml("examples/demo/sluice.yaml");
  private final JsonNode shop = demo.path("services").get(0);
  private final JsonNode world = yaml("examples/demo/world.yaml");

  ReadmeNumbersTest() throws IOException {}

  /**
   * Shop's failover in the demo takes the CVM probe's fall failures (the first may come at once,
   * the last one interval after the one before), {@code confirmFor}, up to one tick to decide and
   * the two CLB tasks of a switch on a rule that holds one kind of target: the README's "about N
   * seconds" must lie in that range.
   */
  @Test
  void theDemosFailoverTimeFollowsFromItsSettings() {
    JsonNode probe = shop.path("backends").path("cvm").path("probes").get(0);
    Duration interval = duration(probe.path("interval"));
    Duration fast = ProbeConfig.defaultFastInterval(interval, duration(probe.path("timeout")));
    int fall = probe.path("fall").asInt();
    Duration confirmFor = duration(shop.path("policy").path("failover").path("confirmFor"));
    Duration task = duration(world.path("settings").path("taskDuration"));
    Duration switching = task.multipliedBy(2);
    // the first failed probe comes up to an interval after the stop, the others a fast interval
    // after each other
    Duration fastest = fast.multipliedBy(fall - 1).plus(confirmFor).plus(switching);
    Duration slowest =
        interval
            .plus(fast.multipliedBy(fall - 1))
            .plus(confirmFor)
            .plus(DaemonOptions.DEFAULT_TICK)
            .plus(switching);

    Matcher claim =
        Pattern.compile(
                "Within about (\\w+) seconds \\((\\w+) failed probes, the second and third\\s+"
                    + "(half a second) apart as the default `fastInterval` has them")
            .matcher(readme);
    assertThat(claim.find()).as("the walkthrough's failover sentence").isTrue();
    Duration said = Duration.ofSeconds(WORDS.getOrDefault(claim.group(1), -1));
    assertThat(said).isBetween(fastest, slowest);
    assertThat(claim.group(2)).isEqualTo(List.of("one", "two", "three", "four").get(fall - 1));
    assertThat(fast).as(claim.group(3)).isEqualTo(Duration.ofMillis(500));
    assertThat(interval).isEqualTo(Duration.ofSeconds(1));
    assertThat(readme)
        .contains("`confirmFor: " + confirmFor.toSeconds() + "s`")
        .contains("two CLB tasks of " + task.toMillis() / 1000.0 + " s")
        .contains("the ~" + task.toMillis() / 1000.0 + " s in which the rule had no target");
    assertThat(world.path("settings").path("mixedRuleTargets").asText()).isEqualTo("rejected");
  }

  @Test
  void theDemosFailbackStepsFollowFromItsSettings() {
    JsonNode failback = shop.path("policy").path("failover").path("failback");

    assertThat(failback.path("steps").toString()).isEqualTo("[50,100]");
    assertThat(readme)
        .contains(
            "After "
                + duration(failback.path("after")).toSeconds()
                + " s UP, traffic returns in two steps, "
                + duration(failback.path("stepEvery")).toSeconds()
                + " s apart");
  }

  @Test
  void theFlappingExamplesBudgetIsTheConfigs() throws IOException {
    JsonNode budget =
        yaml("examples/sandbox-demo.yaml")
            .path("services")
            .get(0)
            .path("policy")
            .path("flapBudget");

    assertThat(readme)
        .contains(
            "the flap budget ("
                + budget.path("maxTransitions").asInt()
                + " changes of direction per "
                + duration(budget.path("window")).toMinutes()
                + " minutes)");
  }

  private static Duration duration(JsonNode text) {
    return ScenarioSettings.duration("README number", text.asText());
  }

  private static JsonNode yaml(String file) throws IOException {
    return YAML.readTree(Files.readString(Path.of(file)));
  }
}

package io.sluice.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alerting and recording rules in {@code dashboards/prometheus} are valid ({@code promtool
 * check rules}) and behave as their unit tests say ({@code promtool test rules}: every alert fires
 * when it should and stays quiet when it should not). promtool's own output is the failure message.
 */
final class PrometheusRulesTest {
  static final Path RULES_DIR = Path.of("dashboards", "prometheus");
  static final Path RULES = RULES_DIR.resolve("sluice-rules.yml");

  @Test
  void rulesAreValid() throws Exception {
    assertPasses(List.of("check", "rules", RULES.toString()), Path.of("."));
  }

  @Test
  void everyRuleUnitTestPasses() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    try (Stream<Path> files = Files.list(RULES_DIR.resolve("tests"))) {
      files
          .filter(f -> f.toString().endsWith(".test.yml"))
          .sorted()
          .forEach(f -> args.add(RULES_DIR.relativize(f).toString()));
    }
    assertThat(args).as("rule unit test files").hasSizeGreaterThan(2);
    // run from the rules' folder: the test files name their rule files relative to it
    assertPasses(args, RULES_DIR);
  }

  @Test
  void everyAlertHasARuleUnitTest() throws IOException {
    String tests = readTests();
    for (String alert : RuleFiles.alertNames(RULES)) {
      assertThat(tests).as("a test that evaluates " + alert).contains("alertname: " + alert);
    }
  }

  private static String readTests() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(RULES_DIR.resolve("tests"))) {
      for (Path file : files.toList()) {
        all.append(Files.readString(file));
      }
    }
    return all.toString();
  }

  private static void assertPasses(List<String> args, Path dir) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ExternalTool.require("promtool", PrometheusServer.INSTALL_HINT).toString());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
  }
}

package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.cli.SluiceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class SimulateCommandTest {
  private static final String DEMO = "examples/sandbox-demo.yaml";

  private record Run(int exit, String out, String err) {}

  private static Run sluice(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void anOutagePrintsEachChangeAndWhenItFailedOverAndBack() {
    Run r = sluice("simulate", "-c", DEMO, "--scenario", "outage:30s");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("FAILED_OVER  cvm=0,scf=100")
        .contains("failover: the primary is DOWN and the standby is not")
        .contains("outage of cvm at 60s until 90s: failed over after 8s, failed back after 121s")
        .contains("traffic changes: 4");
  }

  @Test
  void theFlappingTimelineFreezesTheService() {
    Run r =
        sluice("simulate", "-c", DEMO, "--timeline", "examples/timelines/flapping.csv", "--quiet");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("FROZEN at 441s: flap-budget-spent");
    assertThat(r.out()).doesNotContain("FAILING_BACK");
  }

  @Test
  void tenMinutesOfTwentyPercentLossWithTwoVantagePointsMoveNothing() {
    Run r = sluice("simulate", "-c", DEMO, "--scenario", "loss:0.2", "--duration", "10m");

    assertThat(r.out())
        .contains("vantage points [a, b]")
        .contains("traffic changes: 0")
        .doesNotContain("FAILED_OVER");
  }

  @Test
  void drawsTheChartAsSvgOrPng(@TempDir Path dir) throws IOException {
    Path svg = dir.resolve("outage.svg");
    Path png = dir.resolve("outage.png");

    sluice("simulate", "-c", DEMO, "--scenario", "outage:30s", "--chart", svg.toString());
    sluice("simulate", "-c", DEMO, "--scenario", "outage:30s", "--chart", png.toString());

    assertThat(Files.readString(svg)).contains("<svg").endsWith("</svg>\n");
    byte[] header = Files.readAllBytes(png);
    assertThat(header).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void aBadScenarioIsRejectedNamingTheOptionAndTheValue() {
    Run r = sluice("simulate", "-c", DEMO, "--scenario", "quake:3s");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--scenario: must be outage:30s").contains("'quake:3s'");
  }

  @Test
  void withNeitherTimelineNorScenarioItSaysWhatIsMissing() {
    Run r = sluice("simulate", "-c", DEMO);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give a --timeline or at least one --scenario");
  }

  @Test
  void anUnknownServiceListsTheConfiguredOnes() {
    Run r = sluice("simulate", "-c", DEMO, "--service", "shop", "--scenario", "loss:0.1");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no service named 'shop'").contains("[demo]");
  }

  @Test
  void aBrokenConfigIsReportedWithPositions() {
    Run r =
        sluice("simulate", "-c", "src/test/resources/config/broken.yaml", "--scenario", "loss:0.1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).containsPattern("broken\\.yaml:\\d+:\\d+ ");
  }
}

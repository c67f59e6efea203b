package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.cli.SluiceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        .startsWith("simulating demo for 10m, one decision every 1s,")
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

  /**
   * The README's flash sale: CVM's load climbs past the spill threshold, shop spills to SCF in
   * steps of 20 up to its cap of 60, and comes back the same way once the load falls.
   */
  @Test
  void theFlashSaleSpillsShopToScfInStepsUpToTheCapAndBack() {
    Run r =
        sluice(
            "simulate",
            "-c",
            "examples/diversion.yaml",
            "--timeline",
            "examples/timelines/flash-sale.csv");

    assertThat(r.exit()).isZero();
    // the defaults: 10 minutes past the timeline's last row (16m), a decision a second, seed 1
    assertThat(r.out())
        .startsWith("simulating mall for 26m, one decision every 1s,")
        .contains("seed 1");
    List<String> shop =
        r.out()
            .lines()
            .filter(l -> l.contains("shop.example.com") && l.contains("cvm="))
            .map(l -> l.replaceFirst(".*(cvm=\\d+,scf=\\d+).*", "$1"))
            .toList();
    assertThat(shop)
        .containsSubsequence(
            "cvm=100,scf=0",
            "cvm=80,scf=20",
            "cvm=60,scf=40",
            "cvm=40,scf=60",
            "cvm=60,scf=40",
            "cvm=80,scf=20",
            "cvm=100,scf=0")
        .allSatisfy(split -> assertThat(split).matches("cvm=(100|80|60|40),scf=(0|20|40|60)"));
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

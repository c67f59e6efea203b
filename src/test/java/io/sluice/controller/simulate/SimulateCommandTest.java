package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.cli.SluiceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        .startsWith(
            "simulating demo from 2026-01-01T00:00:00+00:00 for 10m, one decision every 1s,")
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
        .startsWith(
            "simulating mall from 2026-01-01T08:00:00+08:00 for 26m, one decision every 1s,")
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
  void theVerdictColumnTellsUnknownFromUp() {
    Run r = sluice("simulate", "-c", DEMO, "--scenario", "outage:30s");

    assertThat(r.out())
        .contains("verdicts cvm/scf: U up, D down, ? unknown")
        .contains("WARMING      cvm=100,scf=0   ?/?    warming:")
        .contains("NORMAL       cvm=100,scf=0   U/U    primary-serving:");
  }

  @Test
  void anOutageTooShortToFailOverHasNoFailbackInTheSummary() {
    Run r = sluice("simulate", "-c", DEMO, "--scenario", "outage:2s", "--duration", "2m");

    assertThat(r.out())
        .contains("outage of cvm at 60s until 62s: did not fail over\n")
        .doesNotContain("failed back after 0s");
  }

  @Test
  void theSummaryHasTheStandbysOutagesToo() {
    Run r = sluice("simulate", "-c", DEMO, "--scenario", "outage:30s", "--target", "scf");

    assertThat(r.out())
        .contains("no real outage of cvm")
        .contains("outage of scf (standby) at 60s until 90s: it carried no traffic then");
  }

  @Test
  void aMissingTimelineIsOneLineAndExitOne() {
    Run r = sluice("simulate", "-c", DEMO, "--timeline", "no/such/timeline.csv");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("sluice: cannot read no/such/timeline.csv: no such file\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadTimelineListsItsBadRowsAndExitsOne(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "time,backend,value\n10s,cvm,sideways\n");

    Run r = sluice("simulate", "-c", DEMO, "--timeline", csv.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith(csv + ":2").doesNotContain("Usage");
  }

  @Test
  void timesPrintInTheZoneTheConfigsWindowsAreWrittenIn(@TempDir Path dir) throws IOException {
    Run r = flashSaleOnShop(dir, "2h");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("simulating mall from 2026-11-11T19:00:00+08:00 for 2h")
        .contains("on the clock in +08:00")
        .contains(
            "55m  19:55:00  shop.example.com  DIVERTED     cvm=0,scf=100   U/U    window: a"
                + " scheduled diversion window is in force (from=2026-11-11T19:55:00+08:00,"
                + " to=2026-11-11T21:30:00+08:00")
        .doesNotContain("11:55:00Z");
  }

  @Test
  void zoneChoosesAnotherZone(@TempDir Path dir) throws IOException {
    Run r = flashSaleOnShop(dir, "1h", "--zone", "UTC");

    assertThat(r.out())
        .contains("simulating mall from 2026-11-11T11:00:00+00:00 for 1h")
        .contains("from=2026-11-11T11:55:00+00:00");
  }

  @Test
  void aPreWarmShowsWhenItIsAskedForAndThatItIsTakenAsReady(@TempDir Path dir) throws IOException {
    Run r = flashSaleOnShop(dir, "1h");

    assertThat(r.out())
        .contains(
            "40m  19:40:00  shop.example.com  NORMAL       cvm=100,scf=0   U/U    assigned: the"
                + " domain is on its assigned backend; pre-warm of scf asked, taken as ready at"
                + " once here (a real one may take up to waitFor, 1m)")
        .contains("pre-warm of scf asked at 2400s, 900s before scf took traffic at 3300s");
  }

  /**
   * examples/diversion.yaml with its flash-sale window (19:55-21:30 +08:00, pre-warmed 15m ahead)
   * on shop, which lives on CVM, simulated from 19:00 +08:00 for {@code duration}.
   */
  private static Run flashSaleOnShop(Path dir, String duration, String... more) throws IOException {
    Path config = dir.resolve("diversion.yaml");
    Files.writeString(
        config,
        Files.readString(Path.of("examples/diversion.yaml"))
            .replace(
                "          - domain: sale.example.com", "          - domain: shop.example.com"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulate",
                "-c",
                config.toString(),
                "--scenario",
                "loss:0",
                "--start",
                "2026-11-11T19:00+08:00",
                "--duration",
                duration,
                "--step",
                "10s"));
    args.addAll(List.of(more));
    return sluice(args.toArray(String[]::new));
  }

  @Test
  void aBrokenConfigIsReportedWithPositions() {
    Run r =
        sluice("simulate", "-c", "src/test/resources/config/broken.yaml", "--scenario", "loss:0.1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).containsPattern("broken\\.yaml:\\d+:\\d+ ");
  }
}

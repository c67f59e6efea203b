package io.sluice.controller.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.config.ConfigException;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulator's acceptance scenarios, on the settings of examples/sandbox-demo.yaml. */
final class SimulationTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Instant START = Instant.parse("2026-11-11T00:00:00Z");

  /** The service of examples/sandbox-demo.yaml, as the simulate command builds it. */
  static SimulatedService demo() {
    try {
      SluiceConfig config =
          new ConfigLoader(name -> null).load(Path.of("examples/sandbox-demo.yaml"));
      return SimulatedServices.of(config, config.services().getFirst());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigException e) {
      throw new AssertionError("the bundled demo config is invalid: " + e.errors(), e);
    }
  }

  private static List<Tick> run(World world, Duration length) {
    return new Simulation(demo(), world, START, SECOND).run(length).get("demo");
  }

  private static World scenario(String spec, long seed) {
    return SyntheticScenario.parse(spec)
        .applyTo(World.ALL_UP, Backend.CVM, new SplittableRandom(seed));
  }

  @Test
  void aThirtySecondOutageFailsOverAndBack() {
    List<Tick> ticks = run(scenario("outage:30s", 1), Duration.ofMinutes(10));
    SimulationSummary s = SimulationSummary.of("demo", Backend.CVM, ticks, SECOND);

    SimulationSummary.Outage outage = s.outages().getFirst();
    // fall 3 at 1 s, then confirmFor 5 s: about 7-8 s.
    assertThat(outage.failedOverAfter())
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(10)));
    // rise 2, failback.after 60 s, then steps 10 -> 50 -> 100 every 30 s: about 2 min 2 s.
    assertThat(outage.failedBackAfter())
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(130)));
    assertThat(ticks.getLast().split()).isEqualTo(TrafficSplit.allOn(Backend.CVM));
    assertThat(s.changes()).isEqualTo(4);
  }

  /**
   * The same outage, then four probes in a row lost on the way to the recovered CVM during the
   * failback wait: fall 3 makes a DOWN verdict for about 3 s, shorter than confirmFor (5 s), so the
   * wait is not restarted and the failback comes when it would without the blip.
   */
  @Test
  void aShortDownDuringTheFailbackWaitDoesNotDelayTheFailback() throws IOException {
    String csv =
        """
        time,backend,value,check
        60s,cvm,down
        90s,cvm,up
        120s,cvm,down,http
        124s,cvm,up,http
        """;
    List<Tick> ticks =
        run(TimelineWorld.read("blip.csv", new StringReader(csv)), Duration.ofMinutes(10));
    SimulationSummary s = SimulationSummary.of("demo", Backend.CVM, ticks, SECOND);

    List<Tick> blip =
        ticks.stream()
            .filter(t -> t.at().compareTo(Duration.ofSeconds(100)) > 0 && t.cvm() == Verdict.DOWN)
            .toList();
    assertThat(blip).isNotEmpty();
    assertThat(blip.getLast().at().minus(blip.getFirst().at())).isLessThan(Duration.ofSeconds(5));
    assertThat(blip).allMatch(t -> t.split().equals(TrafficSplit.allOn(Backend.SCF)));
    assertThat(s.outages()).hasSize(1);
    assertThat(s.outages().getFirst().failedBackAfter())
        .hasValueSatisfying(
            d -> assertThat(d).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(130)));
    assertThat(s.changes()).isEqualTo(4);
  }

  @Test
  void twentyPercentProbeLossForTenMinutesNeverFailsOver() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Tick> ticks = run(scenario("loss:0.2", seed), Duration.ofMinutes(10));

      assertThat(ticks).as("seed %d", seed).noneMatch(Tick::changed);
    }
  }

  @Test
  void theSameSeedReplaysExactly() {
    List<Decision> first =
        run(scenario("loss:0.3", 9), Duration.ofMinutes(3)).stream().map(Tick::decision).toList();
    List<Decision> second =
        run(scenario("loss:0.3", 9), Duration.ofMinutes(3)).stream().map(Tick::decision).toList();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theBundledFlappingTimelineSpendsTheFlapBudgetAndFreezesOnScf() throws IOException {
    Path csv = Path.of("examples/timelines/flapping.csv");
    World world;
    try (Reader r = Files.newBufferedReader(csv)) {
      world = TimelineWorld.read(csv.toString(), r);
    }

    List<Tick> ticks = run(world, Duration.ofMinutes(20));
    SimulationSummary s = SimulationSummary.of("demo", Backend.CVM, ticks, SECOND);

    assertThat(s.freeze()).isPresent();
    assertThat(s.freeze().get().split()).isEqualTo(TrafficSplit.allOn(Backend.SCF));
    assertThat(ticks.getLast().split()).isEqualTo(TrafficSplit.allOn(Backend.SCF));
    assertThat(s.render()).contains("FROZEN at").contains("flap-budget-spent");
  }
}

package io.sluice.controller.simulate;

import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.policies.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulating a day of one-second steps for one service (examples/sandbox-demo.yaml: two backends,
 * one probe each, two vantage points) must take well under a second: 86,400 decisions and 345,600
 * probe results through the real health verdicts and policy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulateDayBenchmark {
  /** All up (the cheapest path) and 20% probe loss with outages (the busiest). */
  @Param({"quiet", "loss-and-outages"})
  public String world;

  private SimulatedService service;

  @Setup
  public void load() throws Exception {
    SluiceConfig config =
        new ConfigLoader(name -> null).load(Path.of("examples/sandbox-demo.yaml"));
    service = SimulatedServices.of(config, config.services().getFirst());
  }

  @Benchmark
  public Map<String, List<Tick>> simulateOneDay() {
    World w = World.ALL_UP;
    if (world.equals("loss-and-outages")) {
      SplittableRandom random = new SplittableRandom(1);
      w = SyntheticScenario.parse("loss:0.2").applyTo(w, Backend.CVM, random);
      w = SyntheticScenario.parse("flap:30m/2h@10m").applyTo(w, Backend.CVM, random);
    }
    return new Simulation(service, w, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1))
        .run(Duration.ofDays(1));
  }
}

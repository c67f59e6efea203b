package io.sluice.health.monitor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one probe result costs the deciding context, at 10, 100 and 1,000 services, through {@link
 * HealthMonitor#record} (the board and the verdict announcements, the path every probe result
 * takes); see {@link ResultFeed} for the world. The cost per result must not grow with the number
 * of services. {@link HealthResultsCost} measures the same by the thread's own CPU time, which a
 * loaded machine disturbs less.
 *
 * <pre>
 * scripts/bench 'HealthResultsBenchmark -prof gc'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HealthResultsBenchmark {
  @Param({"10", "100", "1000"})
  public int services;

  @Param({"steady", "flapping"})
  public String results;

  /**
   * Whether every check is brought UP before measuring. Only for the code before the fix, whose
   * cost per result at 1,000 services (a third of a second) would make those rounds take most of an
   * hour; its cost did not depend on the statuses, as it re-read every check after every result.
   */
  @Param({"true"})
  public boolean upFirst;

  private ResultFeed feed;
  private long fed;
  private long judgedBefore;

  @Setup(Level.Trial)
  public void build() {
    feed = new ResultFeed(services, results, upFirst);
    judgedBefore = feed.judgements();
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    System.out.printf(
        "%n%d services, %s: %.2f backend judgements per result%n",
        services, results, (feed.judgements() - judgedBefore) / (double) Math.max(1, fed));
    feed.close();
  }

  /** One probe result, for the next target in turn. */
  @Benchmark
  public void oneResult() {
    feed.oneResult();
    fed++;
  }
}

package io.sluice.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The randomized nemesis schedule (issue 12: "random nemesis, random moment"): {@code
 * -Dnemesis.runs=N} runs, run i drawing its fault and moment from seed {@code nemesis.seed + i}
 * ({@link Schedule#random}), each in a fresh world judged by {@link RunChecker}. Every run's line
 * goes to {@code target/nemesis-runs/results.txt} as it ends and the table ({@link NemesisSummary})
 * to {@code summary.txt}; the test fails naming every violating run's seed. Off unless {@code
 * nemesis.runs} is set: {@code scripts/nemesis N} sets it.
 */
@Tag(NemesisIT.ON_DEMAND)
@EnabledIfSystemProperty(named = "nemesis.runs", matches = "[1-9][0-9]*")
final class NemesisScheduleIT {
  private static final Path RESULTS = Path.of("target", "nemesis-runs");

  /** Every nemesis. */
  static final List<Nemesis> POOL = List.of(Nemesis.values());

  @Test
  void randomFaultsAtRandomMomentsBreakNoPromise() throws Exception {
    int runs = Integer.getInteger("nemesis.runs");
    long seed = Long.getLong("nemesis.seed", System.currentTimeMillis());
    Path dir = Path.of("target", "nemesis-it", String.valueOf(ProcessHandle.current().pid()));
    Files.createDirectories(RESULTS);
    List<NemesisRun.Outcome> outcomes = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      Schedule schedule = Schedule.random(seed + i, POOL);
      NemesisRun.Outcome outcome = runOnce(dir.resolve("run-" + i), schedule);
      outcomes.add(outcome);
      String line = "run " + i + "/" + runs + " " + outcome.line();
      System.out.println("nemesis: " + line);
      append(RESULTS.resolve("results.txt"), line + "\n");
      outcome.violations().forEach(v -> System.out.println("  " + v));
      if (!outcome.violations().isEmpty()) {
        failed.add(line + "\n  " + outcome.violations());
      }
    }
    String table = NemesisSummary.table(outcomes);
    System.out.println(table);
    Files.writeString(RESULTS.resolve("summary.txt"), table);
    assertThat(failed).as("runs that broke a promise (rerun one with its seed)").isEmpty();
  }

  /** One run; a run that could not even be played (a world that did not start) is a violation. */
  private static NemesisRun.Outcome runOnce(Path dir, Schedule schedule) {
    try {
      return NemesisRun.run(dir, schedule);
    } catch (Exception | AssertionError e) {
      return new NemesisRun.Outcome(
          schedule,
          List.of(new Violation("run-failed", e.toString(), List.of())),
          Optional.empty(),
          Optional.empty(),
          Duration.ZERO);
    }
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}

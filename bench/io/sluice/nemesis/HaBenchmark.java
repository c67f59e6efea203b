package io.sluice.nemesis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issue 12's two figures on real processes (the nemesis harness: {@code target/sluice.jar} as
 * sandbox and replicas, a three-server ZooKeeper ensemble): false failovers under probe loss with
 * three replicas next to one ({@link ProbeLossRun}), and the takeover time after the leader's kill
 * -9 or SIGSTOP ({@link TakeoverRun}). In bench/ (a test source root) so it reuses the harness's
 * package-private classes in src/test/java/io/sluice/nemesis.
 *
 * <p>Usage (build the jar first: {@code mvn -B -ntp -q package -DskipTests}):
 *
 * <pre>
 * scripts/bench --main HaBenchmark loss [--minutes 10] [--share 0.2] [--kind drop|fail] [--seed 1]
 *     [--services bench/io/sluice/nemesis/ha/loss-services.yaml]
 * scripts/bench --main HaBenchmark takeover [--kills 10] [--stops 5] [--session 4]
 * </pre>
 */
public final class HaBenchmark {
  private HaBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: HaBenchmark loss|takeover [options]");
    }
    Options o = new Options(args);
    switch (args[0]) {
      case "loss" ->
          ProbeLossRun.run(
              new ProbeLossRun.Settings(
                  Duration.ofSeconds(Math.round(o.number("--minutes", 10) * 60)),
                  o.number("--share", 0.2),
                  o.text("--kind", "drop"),
                  (long) o.number("--seed", 1),
                  Path.of(o.text("--services", ProbeLossRun.DEFAULT_SERVICES.toString()))));
      case "takeover" -> {
        Duration session = Duration.ofSeconds((long) o.number("--session", 4));
        List<TakeoverRun.Times> times =
            TakeoverRun.run((int) o.number("--kills", 10), (int) o.number("--stops", 5), session);
        summary(times, session);
      }
      default -> throw new IllegalArgumentException("no benchmark " + args[0]);
    }
    System.exit(0); // the harness's HTTP client threads would keep the JVM up
  }

  private static void summary(List<TakeoverRun.Times> times, Duration session) {
    System.out.printf(
        Locale.ROOT,
        "%n| session timeout | fault | runs | measure | min ms | p50 ms | p90 ms | max ms |"
            + " within timeout + 2 s |%n|---|---|---|---|---|---|---|---|---|%n");
    Duration bar = session.plusSeconds(2);
    for (String fault : List.of("kill -9", "SIGSTOP")) {
      List<TakeoverRun.Times> of = times.stream().filter(t -> t.fault().equals(fault)).toList();
      row(
          session,
          fault,
          "fault → new epoch",
          of.stream().map(TakeoverRun.Times::grant).toList(),
          bar);
      row(
          session,
          fault,
          "fault → failover decision",
          of.stream().map(TakeoverRun.Times::decision).flatMap(Optional::stream).toList(),
          bar);
      row(
          session,
          fault,
          "fault → first write",
          of.stream().map(TakeoverRun.Times::write).flatMap(Optional::stream).toList(),
          bar);
    }
  }

  private static void row(
      Duration session, String fault, String measure, List<Duration> values, Duration bar) {
    if (values.isEmpty()) {
      return;
    }
    List<Long> ms = new ArrayList<>(values.stream().map(Duration::toMillis).toList());
    ms.sort(Comparator.naturalOrder());
    Function<Double, Long> rank = q -> ms.get((int) Math.ceil(q * ms.size()) - 1);
    System.out.printf(
        Locale.ROOT,
        "| %d s | %s | %d | %s | %d | %d | %d | %d | %d of %d |%n",
        session.toSeconds(),
        fault,
        ms.size(),
        measure,
        ms.getFirst(),
        rank.apply(0.5),
        rank.apply(0.9),
        ms.getLast(),
        ms.stream().filter(m -> m < bar.toMillis()).count(),
        ms.size());
  }

  /** {@code --name value} pairs after the benchmark's name. */
  private record Options(String[] args) {
    double number(String name, double otherwise) {
      return find(name).map(Double::parseDouble).orElse(otherwise);
    }

    String text(String name, String otherwise) {
      return find(name).orElse(otherwise);
    }

    private Optional<String> find(String name) {
      for (int i = 1; i + 1 < args.length; i++) {
        if (args[i].equals(name)) {
          return Optional.of(args[i + 1]);
        }
      }
      return Optional.empty();
    }
  }
}

package io.sluice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The board keeps its verdicts incrementally (held statuses, counts per vantage point, a staleness
 * queue); these properties hold it to a from-scratch evaluation of the same rules, as the board did
 * before: every check's status at the time read, the correlation guard over every check of a
 * vantage point, each backend's rule, the quorum. Random results (late ones too), random reads,
 * random gaps that let checks go stale, one to three vantage points, clock origins near the wrap.
 */
final class HealthBoardProperties {
  private static final List<String> SERVICES = List.of("a", "b", "c");
  private static final String SENTINEL = "dns";
  private static final Duration PROBE_STALE = Duration.ofSeconds(3);
  private static final Duration SIGNAL_STALE = Duration.ofSeconds(5);

  enum Kind {
    UP,
    DOWN,
    INCONCLUSIVE
  }

  /**
   * One step: the clock moves on, then either every verdict is read, or one target gets a result
   * stamped up to {@code lateMillis} before the clock (as a lane's results reach the board a little
   * after they were taken).
   */
  record Step(
      int target, int vantage, Kind kind, int advanceMillis, int lateMillis, boolean read) {}

  /** A check of a backend, or the sentinel (null service). */
  record Target(String service, Backend backend, String check, CheckSpec spec) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(Kind.class),
                Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.integers().between(0, 400)),
                    Tuple.of(1, Arbitraries.integers().between(400, 4000))),
                Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 9).map(n -> n < 2))
            .as(Step::new);
    return step.list().ofMaxSize(250);
  }

  @Provide
  Arbitrary<Long> origins() {
    return Probes.origins();
  }

  @Provide
  Arbitrary<Duration> windows() {
    return Arbitraries.of(Duration.ZERO, Duration.ofMillis(500), CorrelationGuard.DEFAULT_WINDOW);
  }

  @Property(tries = 400)
  void verdictsAndAnnouncementsEqualAFromScratchEvaluation(
      @ForAll("steps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 3) int vantageCount,
      @ForAll @IntRange(min = 1, max = 3) int fall,
      @ForAll @IntRange(min = 1, max = 3) int rise,
      @ForAll("windows") Duration window,
      @ForAll("origins") long origin) {
    CheckThresholds thresholds = new CheckThresholds(fall, rise);
    List<String> vantages = List.of("az3", "az4", "az5").subList(0, vantageCount);
    Map<String, Map<Backend, BackendRule>> rules = rules();
    List<Target> targets = targets(thresholds);
    CorrelationGuard guard = new CorrelationGuard(window);
    HealthBoard board = new HealthBoard(vantages, guard);
    for (String service : SERVICES) {
      board.addService(service);
      for (Backend backend : Backend.values()) {
        board.addBackend(
            service,
            backend,
            rules.get(service).get(backend),
            targets.stream()
                .filter(t -> service.equals(t.service()) && t.backend() == backend)
                .map(Target::spec)
                .toList());
      }
    }
    board.addSentinel(targets.getLast().spec());
    FromScratch oracle = new FromScratch(vantages, guard, rules, targets);
    Map<String, Verdict> told = new HashMap<>();
    Probes probes = new Probes(origin);
    long clock = 1000;
    for (Step step : steps) {
      clock += step.advanceMillis();
      if (step.read()) {
        long now = probes.at(clock);
        board.settle(
            now,
            (service, backend, from, to) -> {
              String key = service + "/" + backend.id();
              assertThat(from).as("told from").isEqualTo(told.getOrDefault(key, Verdict.UNKNOWN));
              told.put(key, to);
            });
        for (String service : SERVICES) {
          HealthSnapshot snapshot =
              board.snapshot(service, 1, Probes.WALL, OptionalDouble.empty(), now);
          for (Backend backend : Backend.values()) {
            Verdict expected = oracle.verdict(service, backend, now);
            String key = service + "/" + backend.id();
            assertThat(snapshot.verdict(backend)).as("%s at %d ms", key, clock).isEqualTo(expected);
            assertThat(board.backendHealth(service, backend, now).verdict()).isEqualTo(expected);
            assertThat(told.getOrDefault(key, Verdict.UNKNOWN))
                .as("told of " + key)
                .isEqualTo(expected);
          }
        }
      } else {
        Target target = targets.get(step.target() % targets.size());
        String vantage = vantages.get(step.vantage() % vantageCount);
        long at = Math.max(0, clock - step.lateMillis());
        ProbeResult result =
            switch (step.kind()) {
              case UP -> probes.up(at);
              case DOWN -> probes.down(at);
              case INCONCLUSIVE -> probes.inconclusive(at);
            };
        oracle.record(target, vantage, result);
        if (target.service() == null) {
          board.recordSentinel(target.check(), vantage, result);
        } else {
          board.record(target.service(), target.backend(), target.check(), vantage, result);
        }
      }
    }
  }

  /**
   * CVM: all of http and tcp; SCF: at least one of http and tcp, http must pass; service c's CVM
   * also has a down-only cloud signal that contradicts the probes.
   */
  private static Map<String, Map<Backend, BackendRule>> rules() {
    Map<String, Map<Backend, BackendRule>> rules = new LinkedHashMap<>();
    for (String service : SERVICES) {
      BackendRule cvm =
          service.equals("c")
              ? BackendRule.DEFAULT.withSignals(Set.of("cloud"), Set.of("cloud"))
              : BackendRule.DEFAULT;
      BackendRule scf =
          new BackendRule(Composition.atLeast(1), Set.of("http"), BackendRule.DEFAULT_QUORUM);
      rules.put(service, Map.of(Backend.CVM, cvm, Backend.SCF, scf));
    }
    return rules;
  }

  private static List<Target> targets(CheckThresholds thresholds) {
    List<Target> targets = new ArrayList<>();
    for (String service : SERVICES) {
      for (Backend backend : Backend.values()) {
        for (String check : List.of("http", "tcp")) {
          targets.add(
              new Target(service, backend, check, new CheckSpec(check, thresholds, PROBE_STALE)));
        }
      }
    }
    targets.add(
        new Target("c", Backend.CVM, "cloud", new CheckSpec("cloud", thresholds, SIGNAL_STALE)));
    targets.add(new Target(null, null, SENTINEL, new CheckSpec(SENTINEL, thresholds, PROBE_STALE)));
    return targets;
  }

  /**
   * The rules applied from scratch at every read: each check's state by itself, every status read
   * at the time asked, the guard over every check of a vantage point.
   */
  private static final class FromScratch {
    private final List<String> vantages;
    private final CorrelationGuard guard;
    private final Map<String, Map<Backend, BackendRule>> rules;
    private final List<Target> targets;
    private final Map<String, CheckState> states = new HashMap<>();

    FromScratch(
        List<String> vantages,
        CorrelationGuard guard,
        Map<String, Map<Backend, BackendRule>> rules,
        List<Target> targets) {
      this.vantages = vantages;
      this.guard = guard;
      this.rules = rules;
      this.targets = targets;
    }

    void record(Target target, String vantage, ProbeResult result) {
      states.put(
          key(target, vantage),
          state(target, vantage)
              .next(result, target.spec().thresholds(), target.spec().staleAfter()));
    }

    Verdict verdict(String service, Backend backend, long now) {
      BackendRule rule = rules.get(service).get(backend);
      List<Verdict> byVantage = new ArrayList<>();
      for (String vantage : vantages) {
        if (suspect(vantage, now)) {
          byVantage.add(Verdict.UNKNOWN);
          continue;
        }
        Map<String, Verdict> statuses = new LinkedHashMap<>();
        for (Target target : targets) {
          if (service.equals(target.service()) && target.backend() == backend) {
            statuses.put(target.check(), status(target, vantage, now));
          }
        }
        byVantage.add(rule.atVantage(statuses));
      }
      return rule.acrossVantages(byVantage);
    }

    /** The guard's rule as its Javadoc states it, over every check and the sentinel. */
    private boolean suspect(String vantage, long now) {
      long downChecks = 0;
      long downSentinels = 0;
      Set<String> downTargets = new HashSet<>();
      List<Long> downSince = new ArrayList<>();
      for (Target target : targets) {
        Verdict status = status(target, vantage, now);
        if (status == Verdict.UP) {
          return false;
        }
        if (status == Verdict.DOWN) {
          downSince.add(state(target, vantage).changedAtNanos().getAsLong());
          if (target.service() == null) {
            downSentinels++;
          } else {
            downChecks++;
            downTargets.add(target.service() + "/" + target.backend());
          }
        }
      }
      boolean independent =
          downChecks > 0
              && (downSentinels > 0
                  || (downChecks >= CorrelationGuard.MIN_CHECKS_WITHOUT_SENTINEL
                      && downTargets.size() >= CorrelationGuard.MIN_TARGETS_WITHOUT_SENTINEL));
      if (!independent) {
        return false;
      }
      long first = downSince.getFirst();
      long min = 0;
      long max = 0;
      for (long since : downSince) {
        min = Math.min(min, since - first);
        max = Math.max(max, since - first);
      }
      return max - min <= guard.window().toNanos();
    }

    private Verdict status(Target target, String vantage, long now) {
      return state(target, vantage).statusAt(now, target.spec().staleAfter());
    }

    private CheckState state(Target target, String vantage) {
      return states.getOrDefault(key(target, vantage), CheckState.initial());
    }

    private static String key(Target target, String vantage) {
      return target.service() + "/" + target.backend() + "/" + target.check() + "@" + vantage;
    }
  }
}

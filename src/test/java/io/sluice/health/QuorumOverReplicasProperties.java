package io.sluice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Three replicas, each probing a healthy service ("shop", CVM and SCF, one check each) through a
 * network that loses 20% of its probes, independently of the others, and each publishing its local
 * verdicts to the others every second (the exchange's repeat) and on every change.
 *
 * <p>What is true: a replica's local verdict may well be a false DOWN (with fall 1, a fifth of the
 * time), and now and then two replicas' are at once (the losses are independent, not impossible
 * together); no quorum can help when most vantage points are wrong. But while at most one replica's
 * local verdict is false, no replica decides DOWN: a DOWN needs more than half of the vantage
 * points to know, and then at most {@code quorum} of those knowing to say UP, which one dissenter
 * of two or three already exceeds for any quorum below one half. And a failure every replica sees
 * is still a DOWN everywhere.
 */
final class QuorumOverReplicasProperties {
  private static final List<String> REPLICAS = List.of("a", "b", "c");
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @Property(tries = 200)
  void noReplicaDecidesDownWhileAtMostOneReplicasLocalVerdictIsFalse(
      @ForAll("losses") List<List<Boolean>> rounds,
      @ForAll @IntRange(min = 1, max = 3) int fall,
      @ForAll("quorums") double quorum,
      @ForAll("origins") long origin) {
    BackendRule rule = new BackendRule(Composition.all(), Set.of(), quorum);
    CheckSpec http = new CheckSpec("http", new CheckThresholds(fall, 2), INTERVAL.multipliedBy(3));
    List<HealthBoard> boards = new ArrayList<>();
    for (String replica : REPLICAS) {
      boards.add(board(replica, rule, http));
    }
    Probes probes = new Probes(origin);
    for (int r = 0; r < rounds.size(); r++) {
      long now = probes.at(r * INTERVAL.toMillis());
      List<Boolean> lost = rounds.get(r);
      for (int i = 0; i < REPLICAS.size(); i++) {
        for (Backend backend : Backend.values()) {
          long millis = r * INTERVAL.toMillis();
          boolean lose = lost.get(i * 2 + backend.ordinal());
          boards
              .get(i)
              .record(
                  "shop",
                  backend,
                  "http",
                  REPLICAS.get(i),
                  lose ? probes.down(millis) : probes.up(millis));
        }
      }
      List<Map<String, Map<Backend, Verdict>>> local = new ArrayList<>();
      for (HealthBoard board : boards) {
        local.add(board.localVerdicts(now));
      }
      for (int i = 0; i < REPLICAS.size(); i++) {
        for (int j = 0; j < REPLICAS.size(); j++) {
          if (i != j) {
            boards.get(j).report(REPLICAS.get(i), local.get(i), now);
          }
        }
      }
      for (Backend backend : Backend.values()) {
        long falseDowns =
            local.stream().filter(l -> l.get("shop").get(backend) == Verdict.DOWN).count();
        Statistics.collect(
            falseDowns == 1 ? "one false" : falseDowns > 1 ? "several false" : "none");
        for (int i = 0; i < REPLICAS.size(); i++) {
          Verdict decided =
              boards
                  .get(i)
                  .snapshot("shop", r, Probes.WALL, OptionalDouble.empty(), now)
                  .verdict(backend);
          if (falseDowns <= 1) {
            assertThat(decided)
                .as(
                    "%s at %s in round %d, %d false local DOWN",
                    backend, REPLICAS.get(i), r, falseDowns)
                .isNotEqualTo(Verdict.DOWN);
          }
          if (falseDowns == REPLICAS.size()) {
            assertThat(decided).as("every replica sees it DOWN").isEqualTo(Verdict.DOWN);
          }
        }
      }
    }
    // the property is only worth its tries if single false DOWNs, its case, do occur (and the
    // case it says nothing about does too)
    Statistics.coverage(
        coverage -> {
          coverage.check("one false").percentage(p -> p > 5);
          coverage.check("several false").count(c -> c > 0);
        });
  }

  private static HealthBoard board(String local, BackendRule rule, CheckSpec http) {
    HealthBoard board =
        new HealthBoard(
            new VantagePoints(REPLICAS, local, VantagePoints.DEFAULT_STALE_AFTER),
            CorrelationGuard.DEFAULT);
    board.addService("shop");
    for (Backend backend : Backend.values()) {
      board.addBackend("shop", backend, rule, List.of(http));
    }
    return board;
  }

  /** Per round, whether each replica's probe of each backend is lost: a fifth of them. */
  @Provide
  Arbitrary<List<List<Boolean>>> losses() {
    Arbitrary<Boolean> lost =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(true)), Tuple.of(4, Arbitraries.just(false)));
    return lost.list()
        .ofSize(REPLICAS.size() * Backend.values().length)
        .list()
        .ofMinSize(1)
        .ofMaxSize(120);
  }

  /** Quorums below one half, the default among them. */
  @Provide
  Arbitrary<Double> quorums() {
    return Arbitraries.of(0.0, BackendRule.DEFAULT_QUORUM, 0.3, 0.49);
  }

  @Provide
  Arbitrary<Long> origins() {
    return Probes.origins();
  }
}

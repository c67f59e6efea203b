package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.ProbeResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A probe that never completes must not make its target fall silent. */
final class HungProberIT {

  @Test
  void aProbeThatNeverCompletesIsReportedEachTickInsteadOfSilence() throws Exception {
    Vertx vertx = Vertx.vertx();
    Prober hung =
        new Prober() {
          @Override
          public Future<ProbeOutcome> probe(ProbeSpec spec) {
            return Promise.<ProbeOutcome>promise().future();
          }

          @Override
          public Future<Void> close() {
            return Future.succeededFuture();
          }
        };
    ProbeScheduler scheduler =
        new ProbeScheduler(
            vertx.getOrCreateContext(),
            hung,
            System::nanoTime,
            Clock.systemUTC(),
            new SplittableRandom(1),
            lag -> {});
    List<ProbeResult> results = new CopyOnWriteArrayList<>();
    try {
      scheduler.add(
          "hung",
          ProbeSpec.http("127.0.0.1", 9)
              .interval(Duration.ofMillis(100))
              .timeout(Duration.ofMillis(50))
              .connectTimeout(Duration.ofMillis(50))
              .maxLag(Duration.ofMillis(100))
              .build(),
          () -> false,
          results::add);

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> results.stream().anyMatch(HungProberIT::stillRunning));
      assertThat(results).allMatch(r -> r.outcome() instanceof ProbeOutcome.Inconclusive);
    } finally {
      scheduler.close().toCompletionStage().toCompletableFuture().join();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static boolean stillRunning(ProbeResult r) {
    return r.outcome() instanceof ProbeOutcome.Inconclusive i
        && i.cause() == InconclusiveCause.NOT_MEASURED
        && i.detail().startsWith("the previous probe is still running after");
  }
}

package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.sluice.cloud.ActionGuard;
import io.sluice.cloud.CapSpent;
import io.sluice.cloud.CloudAction;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.GuardSettings;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, bounded actuation: a leader's cloud calls go through guards capped by its lease ({@link
 * LeaseCap}), on the real guards and timers: none is sent once the lease is spent or the connection
 * SUSPENDED, and one in flight ends with the lease rather than the 15 s call budget. The group's
 * clock is the real monotonic one here, since the guard's deadline is a real timer.
 */
final class LeaseCapTest {
  private static final CloudAction WRITE = CloudAction.DEREGISTER_TARGETS;
  private final Vertx vertx = Vertx.vertx();
  private final CloudGuards guards = new CloudGuards(vertx, GuardSettings.defaults());
  private final MemoryCluster cluster = new MemoryCluster(System::nanoTime);
  private final Group leader = cluster.join("a");
  private final ActionGuard capped =
      guards.bounded(LeaseCap.of(leader.leadership(), System::nanoTime)).guard(WRITE);
  private final AtomicInteger sent = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    guards.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aFollowersCallIsRefusedUnsentAndIsNoCloudFault() {
    assertThatThrownBy(() -> join(capped.call(sent::incrementAndGet)))
        .cause()
        .isInstanceOfSatisfying(CapSpent.class, spent -> assertThat(spent.sent()).isFalse());
    assertThat(sent).hasValue(0);
    assertThat(guards.guard(WRITE).circuitState().name()).isEqualTo("CLOSED");
  }

  @Test
  void afterSuspendedNoCallIsSent() throws Exception {
    cluster.elect("a");
    assertThat(join(capped.call(sent::incrementAndGet))).isEqualTo(1);

    cluster.suspend("a");

    assertThatThrownBy(() -> join(capped.call(sent::incrementAndGet)))
        .cause()
        .isInstanceOf(CapSpent.class);
    assertThat(sent).hasValue(1);
  }

  @Test
  void aCallInFlightEndsWithTheLeaseNotWithItsBudget() {
    cluster.lease(Duration.ofMillis(300));
    cluster.elect("a");
    CountDownLatch never = new CountDownLatch(1);
    long started = System.nanoTime();

    Future<String> hung =
        capped.call(
            () -> {
              try {
                never.await();
                return "never";
              } catch (InterruptedException e) {
                throw new TencentCloudSDKException("interrupted", e);
              }
            });

    // join waits 5 s at most: the 15 s budget alone would fail it by timing out the join instead
    assertThatThrownBy(() -> join(hung))
        .cause()
        .isInstanceOfSatisfying(CapSpent.class, spent -> assertThat(spent.sent()).isTrue());
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(GuardSettings.defaults().callBudget());
  }

  private static <T> T join(Future<T> future)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}

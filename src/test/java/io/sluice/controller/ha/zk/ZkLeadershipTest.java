package io.sluice.controller.ha.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.Role;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leadership as the election and the connection set it: a demotion holds at once, on the thread
 * that learnt of it; listeners hear of each change on the daemon's context, in order; acting needs
 * the lease.
 */
final class ZkLeadershipTest {
  private static final Duration SESSION = Duration.ofSeconds(10);
  private static final ReplicaInfo SELF = new ReplicaInfo("zone-a", "http://10.0.0.1:7070");

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final AtomicLong nanos = new AtomicLong(Long.MIN_VALUE + 17); // an odd origin
  private final ZkLeadership leadership = new ZkLeadership(SELF, context, nanos::get);
  private final List<Role> heard = new CopyOnWriteArrayList<>();
  private final List<Boolean> heardOnContext = new CopyOnWriteArrayList<>();

  ZkLeadershipTest() {
    leadership.onRoleChange(
        role -> {
          heard.add(role);
          heardOnContext.add(Vertx.currentContext() == context);
        });
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void leadsInTheGrantedEpochWithinTheLease() {
    leadership.connected(SESSION);
    leadership.confirmed(nanos.get());

    assertThat(leadership.lead(4, () -> true)).isTrue();

    assertThat(leadership.role()).isEqualTo(Role.LEADING);
    assertThat(leadership.epoch()).isEqualTo(4);
    assertThat(leadership.leader()).contains(SELF);
    assertThat(leadership.actFor(nanos.get())).isEqualTo(Duration.ofSeconds(8));
    assertThat(leadership.actsIn(4)).isTrue();
    assertThat(leadership.actsIn(3)).isFalse();
    nanos.addAndGet(Duration.ofSeconds(8).toNanos());
    assertThat(leadership.actsIn(4)).isFalse(); // the lease ran out
  }

  @Test
  void doesNotLeadWhileDisconnectedOrNoLongerElected() {
    assertThat(leadership.lead(1, () -> true)).isFalse();

    leadership.connected(SESSION);

    assertThat(leadership.lead(2, () -> false)).isFalse();
    assertThat(leadership.role()).isEqualTo(Role.FOLLOWING);
    assertThat(leadership.epoch()).isZero();
  }

  @Test
  void aSuspensionStopsActingAtOnceAndTheListenersHearItAfterTheGrant() {
    leadership.connected(SESSION);
    leadership.confirmed(nanos.get());
    leadership.lead(1, () -> true);

    leadership.suspended();

    // on this thread, before any listener ran
    assertThat(leadership.role()).isEqualTo(Role.FOLLOWING);
    assertThat(leadership.epoch()).isZero();
    assertThat(leadership.actFor(nanos.get())).isZero();
    assertThat(leadership.actsIn(1)).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
    assertThat(heard).containsExactly(Role.LEADING, Role.FOLLOWING);
    assertThat(heardOnContext).containsOnly(true);
  }

  @Test
  void aLostSessionTakesItsLeaseWithIt() {
    leadership.connected(SESSION);
    leadership.confirmed(nanos.get());
    leadership.lost();

    leadership.connected(SESSION);
    leadership.lead(2, () -> true);

    // leading on the new session, but nothing it confirmed yet
    assertThat(leadership.actFor(nanos.get())).isZero();
    leadership.confirmed(nanos.get());
    assertThat(leadership.actFor(nanos.get())).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aFollowerIsToldNothingWhenItLosesNothing() {
    leadership.connected(SESSION);

    leadership.suspended();
    leadership.follow("another replica was elected");

    assertThat(leadership.role()).isEqualTo(Role.FOLLOWING);
    AtomicBoolean drained = new AtomicBoolean(); // the context runs in order: all told by now
    context.runOnContext(v -> drained.set(true));
    await().atMost(Duration.ofSeconds(5)).untilTrue(drained);
    assertThat(heard).isEmpty();
  }
}

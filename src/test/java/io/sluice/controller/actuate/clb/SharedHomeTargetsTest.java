package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.sluice.policies.TrafficSplit;
import io.sluice.testing.CloudWeather;
import io.sluice.testing.VirtualTime;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A rule's home targets in a replica group: the replica that fails back after a takeover never saw
 * the rule with CVM targets itself, so it fails back to the targets the leader before it stored in
 * the group.
 */
final class SharedHomeTargetsTest {
  private static final String RULE = "lb-cvm/lbl-cvm/loc-shopcvm";
  private final VirtualTime time = new VirtualTime(-3);
  private final MemoryCluster cluster = new MemoryCluster(time::nanos);
  private final MemoryClb clb =
      new MemoryClb(
          time, new CloudWeather(time), false, new SplittableRandom(7), m -> {}, id -> {});

  @Test
  void aNewLeaderFailsBackToTheHomeTargetsTheOldLeaderStored() {
    Group a = cluster.join("a");
    Group b = cluster.join("b");
    // both built at the daemons' start, before either read the rule
    Actuator old = clb.actuator(shared(a));
    Actuator next = clb.actuator(shared(b));

    Routing read = await(old.read());
    await(old.apply(new TrafficSplit(0, 100), read, StepLog.NONE));
    Routing taken = await(next.read());
    await(next.apply(new TrafficSplit(100, 0), taken, StepLog.NONE));

    assertThat(clb.shares()).containsExactly(100, 0);
    assertThat(clb.describe()).contains("ins-1:80");
  }

  @Test
  void theGroupsCopyWinsOverAStaleOwnStoreAndASaveKeepsOtherRules() {
    Group a = cluster.join("a");
    SharedHomeTargets homes = shared(a);
    List<CvmTarget> now = List.of(new CvmTarget("ins-new", 80, 10));

    await(homes.save(RULE, now));
    await(homes.save("lb-2/lbl-2/loc-2", List.of(new CvmTarget("ins-2", 8080, 5))));

    SharedHomeTargets elsewhere =
        new SharedHomeTargets(
            new MemoryHomeTargets(), cluster.join("b").doc(SharedHomeTargets.DOC));
    assertThat(elsewhere.load(RULE)).isEqualTo(now);
    assertThat(elsewhere.shared("lb-2/lbl-2/loc-2")).hasSize(1);
    MemoryHomeTargets stale = new MemoryHomeTargets();
    await(stale.save(RULE, List.of(new CvmTarget("ins-old", 80, 10))));
    assertThat(new SharedHomeTargets(stale, a.doc(SharedHomeTargets.DOC)).load(RULE))
        .isEqualTo(now);
  }

  private SharedHomeTargets shared(Group group) {
    return new SharedHomeTargets(new MemoryHomeTargets(), group.doc(SharedHomeTargets.DOC));
  }

  private <T> T await(Future<T> future) {
    for (int i = 0; i < 10_000 && !future.isComplete(); i++) {
      time.advance(Duration.ofMillis(10));
    }
    assertThat(future.succeeded()).as("%s", future.cause()).isTrue();
    return future.result();
  }
}

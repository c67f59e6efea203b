package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Routing;
import io.sluice.policies.TrafficSplit;
import io.sluice.testing.CloudWeather;
import io.sluice.testing.VirtualTime;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The home-target store is a convenience for failing back after a restart, never a reason to stop
 * reading or moving a rule: a store that cannot be read or written leaves the rule's reads and
 * failovers as they were.
 */
final class ClbRuleHomeStoreTest {
  private final VirtualTime time = new VirtualTime(-3);
  private final List<String> saves = new ArrayList<>();

  /** A store whose file is corrupt and whose disk refuses every write. */
  private final HomeTargets broken =
      new HomeTargets() {
        @Override
        public List<CvmTarget> load(String rule) {
          throw new UncheckedIOException(new IOException("corrupt home file"));
        }

        @Override
        public Future<Void> save(String rule, List<CvmTarget> targets) {
          saves.add(rule);
          return Future.failedFuture(new IOException("disk full"));
        }
      };

  @Test
  void aBrokenStoreNeitherFailsAReadNorAFailoverAndTheHomeIsKeptInMemory() {
    MemoryClb clb =
        new MemoryClb(
            time, new CloudWeather(time), false, new SplittableRandom(7), m -> {}, id -> {});
    Actuator actuator = clb.actuator(broken);

    Routing read = await(actuator.read());
    assertThat(read.split()).isEqualTo(new TrafficSplit(100, 0));
    assertThat(saves).as("the targets read were offered to the store").hasSize(1);

    await(
        actuator.apply(new TrafficSplit(0, 100), read, io.sluice.controller.actuate.StepLog.NONE));
    assertThat(clb.shares()).containsExactly(0, 100);
    await(
        actuator.apply(new TrafficSplit(100, 0), null, io.sluice.controller.actuate.StepLog.NONE));
    assertThat(clb.describe()).as("failed back to the targets kept in memory").contains("ins-1:80");
  }

  private <T> T await(Future<T> future) {
    for (int i = 0; i < 10_000 && !future.isComplete(); i++) {
      time.advance(Duration.ofMillis(10));
    }
    assertThat(future.succeeded()).as("%s", future.cause()).isTrue();
    return future.result();
  }
}

package io.sluice.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A wait is not failed by an exception another thread leaves uncaught meanwhile. */
final class AwaitOwnFailuresOnlyTest {
  @Test
  void anotherThreadsUncaughtExceptionDoesNotFailAWait() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    Thread other =
        Thread.ofPlatform()
            .name("another-tests-thread")
            .unstarted(
                () -> {
                  throw new IllegalStateException("another test's thread, ending (expected)");
                });

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              if (other.getState() == Thread.State.NEW) {
                other.start();
                other.join(5_000); // it died of its exception, uncaught, while this waits
                done.set(true);
              }
              return done.get();
            });
  }
}

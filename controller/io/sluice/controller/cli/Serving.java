package io.sluice.controller.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Serving until interrupted: Ctrl-C or SIGTERM (the shutdown hook) or a test releases {@code stop}.
 * The JVM halts as soon as its shutdown hooks return, so the hook also waits, up to {@link
 * #GRACE_SECONDS}, for the caller to report through {@code closed} that its orderly shutdown (the
 * change in flight, the journal) is done.
 */
final class Serving {
  static final long GRACE_SECONDS = 25;

  private Serving() {}

  static void until(CountDownLatch stop, CountDownLatch closed, String hookName)
      throws InterruptedException {
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            hookName);
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already shutting down: the hook is running and waits for closed
      }
    }
  }
}

package io.sluice.controller.cli;

import java.util.concurrent.CountDownLatch;

/** Serving until interrupted: Ctrl-C (the shutdown hook) or a test releases the latch. */
final class Serving {
  private Serving() {}

  static void until(CountDownLatch stop, String hookName) throws InterruptedException {
    Thread hook = new Thread(stop::countDown, hookName);
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already shutting down; the hook has done its work
      }
    }
  }
}

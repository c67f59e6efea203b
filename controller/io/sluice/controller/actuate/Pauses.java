package io.sluice.controller.actuate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits between an actuator's attempts and polls without blocking a thread: Vert.x timers in the
 * daemon, a virtual clock in tests (so a poll schedule is checked step by step, not by waiting).
 */
@FunctionalInterface
public interface Pauses {

  /** Completes once {@code pause} has passed. */
  Future<Void> after(Duration pause);

  /** Pauses on Vert.x timers, at least one millisecond each. */
  static Pauses of(Vertx vertx) {
    Objects.requireNonNull(vertx, "vertx");
    return pause -> {
      Promise<Void> elapsed = Promise.promise();
      vertx.setTimer(Math.max(1, pause.toMillis()), id -> elapsed.complete());
      return elapsed.future();
    };
  }
}

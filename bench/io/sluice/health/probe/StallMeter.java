package io.sluice.health.probe;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How late a Vert.x instance's event loops run: a timer on each loop, re-armed every few
 * milliseconds, records how long after its due time it ran. For the soak's targets, so that a
 * timeout can be told from a target that stalled (starved of CPU on a shared machine, or paused).
 */
final class StallMeter {
  private static final long TICK_MILLIS = 10;

  private final Context context;
  private final AtomicLong worstNanos;
  private long dueNanos;

  private StallMeter(Context context, AtomicLong worstNanos) {
    this.context = context;
    this.worstNanos = worstNanos;
  }

  /** Starts a meter on every event loop; returns the worst lateness so far, in nanos. */
  static LongSupplier onEveryLoop(Vertx vertx) {
    AtomicLong worst = new AtomicLong();
    VertxInternal internal = (VertxInternal) vertx;
    internal
        .nettyEventLoopGroup()
        .forEach(
            loop -> {
              StallMeter meter =
                  new StallMeter(
                      internal
                          .contextBuilder()
                          .withEventLoop((io.netty.channel.EventLoop) loop)
                          .build(),
                      worst);
              meter.context.runOnContext(v -> meter.arm());
            });
    return worst::get;
  }

  private void arm() {
    dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    context.owner().setTimer(TICK_MILLIS, id -> tick());
  }

  private void tick() {
    worstNanos.accumulateAndGet(System.nanoTime() - dueNanos, Math::max);
    arm();
  }
}

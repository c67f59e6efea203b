package io.sluice.health.probe;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contexts a scheduler's lanes run on: one on each of the Vert.x instance's event loops other
 * than the deciding context's, up to the count asked for. Vert.x has no public way to ask for a
 * context on a loop other than the caller's, hence its internal API; contexts on distinct loops are
 * the point, as two lanes on one loop would share its thread, and a lane on the deciding loop would
 * share it with the deciding (see {@link ProbeScheduler}).
 */
final class LaneContexts {
  private static final Logger LOG = LoggerFactory.getLogger(LaneContexts.class);

  private LaneContexts() {}

  /**
   * Up to {@code count} contexts on loops other than {@code deciding}'s; fewer when the instance
   * has fewer other loops, and {@code deciding} itself only when it has no other.
   */
  static List<Context> of(Context deciding, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a scheduler needs at least one lane, got " + count);
    }
    List<Context> contexts = new ArrayList<>();
    VertxInternal vertx = (VertxInternal) deciding.owner();
    EventLoop decidingLoop = ((ContextInternal) deciding).nettyEventLoop();
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      if (contexts.size() == count) {
        break;
      }
      if (loop != decidingLoop) {
        contexts.add(vertx.contextBuilder().withEventLoop((EventLoop) loop).build());
      }
    }
    if (contexts.isEmpty()) {
      LOG.warn(
          "the Vert.x instance has a single event loop: probes share it with the deciding context,"
              + " and a busy decider will make them late (PROBER_LAG)");
      contexts.add(deciding);
    }
    return contexts;
  }
}

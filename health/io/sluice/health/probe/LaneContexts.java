package io.sluice.health.probe;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * The contexts a scheduler's lanes run on: the scheduler's own first, then contexts on other event
 * loops of the same Vert.x instance. Vert.x has no public way to ask for a context on a loop other
 * than the caller's, hence its internal API; contexts on distinct loops are the point, as two lanes
 * on one loop would share its thread.
 */
final class LaneContexts {
  private LaneContexts() {}

  static List<Context> of(Context first, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a scheduler needs at least one lane, got " + count);
    }
    List<Context> contexts = new ArrayList<>(List.of(first));
    VertxInternal vertx = (VertxInternal) first.owner();
    EventLoop firstLoop = ((ContextInternal) first).nettyEventLoop();
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      if (contexts.size() == count) {
        break;
      }
      if (loop != firstLoop) {
        contexts.add(vertx.contextBuilder().withEventLoop((EventLoop) loop).build());
      }
    }
    return contexts;
  }
}

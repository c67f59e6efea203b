package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Lanes never take the deciding context's event loop, and never share one. */
final class LaneContextsTest {

  @Test
  void putsEachLaneOnALoopOfItsOwnOtherThanTheDecidingOne() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    try {
      Context deciding = vertx.getOrCreateContext();

      List<EventLoop> lanes = loops(LaneContexts.of(deciding, 8));

      assertThat(lanes).hasSize(3).doesNotHaveDuplicates().doesNotContain(loop(deciding));
      assertThat(loops(LaneContexts.of(deciding, 2))).hasSize(2).doesNotContain(loop(deciding));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sharesTheDecidingLoopOnlyWhenThereIsNoOther() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      Context deciding = vertx.getOrCreateContext();

      assertThat(LaneContexts.of(deciding, 2)).containsExactly(deciding);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static List<EventLoop> loops(List<Context> contexts) {
    return contexts.stream().map(LaneContextsTest::loop).toList();
  }

  private static EventLoop loop(Context context) {
    return ((ContextInternal) context).nettyEventLoop();
  }
}

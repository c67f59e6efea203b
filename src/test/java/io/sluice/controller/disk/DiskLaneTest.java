package io.sluice.controller.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DiskLaneTest {
  @TempDir Path dir;
  final List<String> events = new CopyOnWriteArrayList<>();
  final ScriptedDisk disk = new ScriptedDisk(events::add);
  final DiskLane lane = DiskLane.start(disk);
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    disk.release();
    lane.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void runsWorkOneAtATimeInTheOrderItWasSubmittedFromAnyContext() throws Exception {
    List<Integer> ran = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    List<Integer> overlaps = new CopyOnWriteArrayList<>();
    List<Context> contexts = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext());
    List<Future<Integer>> results = new ArrayList<>();
    // alternate between two contexts, each submission after the one before
    for (int i = 0; i < 40; i++) {
      int n = i;
      CompletableFuture<Future<Integer>> queued = new CompletableFuture<>();
      contexts
          .get(i % 2)
          .runOnContext(
              v ->
                  queued.complete(
                      lane.submit(
                          () -> {
                            if (running.incrementAndGet() > 1) {
                              overlaps.add(n);
                            }
                            ran.add(n);
                            running.decrementAndGet();
                            return n;
                          })));
      results.add(queued.get(5, TimeUnit.SECONDS));
    }

    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
          .isEqualTo(i);
    }
    assertThat(ran).isSorted().hasSize(40);
    assertThat(overlaps).isEmpty();
  }

  @Test
  void theResultIsDeliveredOnTheSubmittingContextAfterTheDiskLetItThrough() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Context> deliveredOn = new CompletableFuture<>();
    FileChannel channel =
        FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    disk.hold();
    context.runOnContext(
        v ->
            lane.submit(
                    () -> {
                      lane.force(channel, false);
                      return "durable";
                    })
                .onSuccess(
                    result -> {
                      events.add("delivered " + result);
                      deliveredOn.complete(Vertx.currentContext());
                    }));
    org.awaitility.Awaitility.await().until(() -> disk.waiting() == 1);
    assertThat(deliveredOn).isNotDone();

    disk.release();

    assertThat(deliveredOn.get(5, TimeUnit.SECONDS)).isSameAs(context);
    assertThat(events)
        .containsExactly(
            ScriptedDisk.HELD, ScriptedDisk.RELEASED, ScriptedDisk.FORCED, "delivered durable");
    channel.close();
  }

  @Test
  void failingWorkFailsOnlyItsOwnFuture() throws Exception {
    Future<Object> failed =
        lane.submit(
            () -> {
              throw new IOException("disk full");
            });
    Future<String> next = lane.submit(() -> "still written");

    assertThatThrownBy(
            () -> failed.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .hasRootCauseMessage("disk full");
    assertThat(next.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo("still written");
  }

  @Test
  void closeRunsWhatWasSubmittedBeforeItThenRefusesMore() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Future<Void> before =
        lane.submit(
            () -> {
              ran.add("before");
              return null;
            });

    lane.close();

    assertThat(before.succeeded()).isTrue();
    assertThat(ran).containsExactly("before");
    Future<String> after = lane.submit(() -> "after");
    assertThat(after.failed()).isTrue();
    assertThat(after.cause()).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void nobodyWaitsForTheDiskOnAVertxThread() throws Exception {
    CompletableFuture<Throwable> refused = new CompletableFuture<>();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              try {
                lane.await(() -> "never");
                refused.complete(null);
              } catch (Throwable e) {
                refused.complete(e);
              }
            });

    assertThat(refused.get(5, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Vert.x thread");
    assertThat(lane.await(() -> "from a plain thread")).isEqualTo("from a plain thread");
  }
}

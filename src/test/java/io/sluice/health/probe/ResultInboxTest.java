package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from the lanes to the deciding context, with a deciding context the test runs by
 * hand: while it does not run, at most the capacity waits, the oldest results are shed and counted,
 * and what is left runs oldest first in drains that yield.
 */
final class ResultInboxTest {
  private final Queue<Runnable> deciding = new ArrayDeque<>();
  private final List<Integer> delivered = new ArrayList<>();
  private final List<Long> lags = new ArrayList<>();
  private final AtomicInteger shed = new AtomicInteger();

  private ResultInbox inbox(int capacity) {
    return new ResultInbox(deciding::add, capacity, lags::add, shed::addAndGet, System::nanoTime);
  }

  /** A lane tick's batch of results numbered {@code from} up, with one start lag. */
  private ResultInbox.Batch batch(int from, int size) {
    List<Runnable> deliveries = new ArrayList<>();
    for (int i = from; i < from + size; i++) {
      int result = i;
      deliveries.add(() -> delivered.add(result));
    }
    return new ResultInbox.Batch(deliveries, new long[] {from});
  }

  private void runDeciding() {
    Runnable next;
    while ((next = deciding.poll()) != null) {
      next.run();
    }
  }

  @Test
  void shedsTheOldestResultsOnceTheCapacityWaitsAndCountsThem() {
    ResultInbox inbox = inbox(10);

    inbox.offer(batch(0, 4));
    inbox.offer(batch(4, 4));
    inbox.offer(batch(8, 4));
    inbox.offer(batch(12, 4));

    assertThat(inbox.queued()).isEqualTo(8);
    assertThat(shed).as("the two oldest batches").hasValue(8);
    assertThat(deciding).as("one drain scheduled, however many batches").hasSize(1);

    runDeciding();

    assertThat(delivered).containsExactlyElementsOf(IntStream.range(8, 16).boxed().toList());
    assertThat(lags).containsExactly(8L, 12L);
    assertThat(inbox.queued()).isZero();
  }

  @Test
  void keepsOnlyTheNewestOfABatchLargerThanTheCapacity() {
    ResultInbox inbox = inbox(3);

    inbox.offer(batch(0, 5));
    runDeciding();

    assertThat(delivered).containsExactly(2, 3, 4);
    assertThat(shed).hasValue(2);
  }

  @Test
  void shedsNothingWhileTheDecidingContextKeepsUp() {
    ResultInbox inbox = inbox(10);

    for (int tick = 0; tick < 100; tick++) {
      inbox.offer(batch(tick * 8, 8));
      runDeciding();
    }

    assertThat(shed).hasValue(0);
    assertThat(delivered).hasSize(800).isSorted();
  }

  @Test
  void aBacklogIsWorkedOffInDrainsThatYieldToOtherWork() {
    int backlog = ResultInbox.DRAIN_BUDGET * 3;
    ResultInbox inbox = inbox(backlog);
    for (int i = 0; i < backlog; i += 16) {
      inbox.offer(batch(i, 16));
    }

    deciding.poll().run();

    assertThat(delivered).hasSize(ResultInbox.DRAIN_BUDGET);
    assertThat(deciding).as("the rest waits behind whatever else was queued").hasSize(1);
    runDeciding();
    assertThat(delivered).hasSize(backlog).isSorted();
  }
}

package io.sluice.controller.actuate.clb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ClbLocksTest {
  private final ClbLocks locks = new ClbLocks();
  private final List<String> started = new ArrayList<>();

  /** Work that records its start and finishes when the test completes the returned promise. */
  private Promise<String> hold(String loadBalancerId, String name, List<Future<String>> results) {
    Promise<String> finish = Promise.promise();
    results.add(
        locks.withLock(
            loadBalancerId,
            () -> {
              started.add(name);
              return finish.future();
            }));
    return finish;
  }

  @Test
  void workForOneLoadBalancerRunsOneAtATimeInArrivalOrder() {
    List<Future<String>> results = new ArrayList<>();
    Promise<String> first = hold("lb-1", "first", results);
    Promise<String> second = hold("lb-1", "second", results);
    Promise<String> third = hold("lb-1", "third", results);

    assertThat(started).containsExactly("first");
    first.complete("one");
    assertThat(started).containsExactly("first", "second");
    second.complete("two");
    assertThat(started).containsExactly("first", "second", "third");
    third.complete("three");

    assertThat(results).extracting(Future::result).containsExactly("one", "two", "three");
    assertThat(locks.busy("lb-1")).as("nothing left behind").isFalse();
  }

  @Test
  void aFailedOrThrowingWorkReleasesTheLoadBalancer() {
    List<Future<String>> results = new ArrayList<>();
    Promise<String> failing = hold("lb-1", "failing", results);
    results.add(
        locks.withLock(
            "lb-1",
            () -> {
              started.add("throwing");
              throw new IllegalStateException("boom");
            }));
    Promise<String> last = hold("lb-1", "last", results);

    failing.fail("no");
    last.complete("ran");

    assertThat(started).containsExactly("failing", "throwing", "last");
    assertThat(results.get(0).cause()).hasMessage("no");
    assertThat(results.get(1).cause()).hasMessage("boom");
    assertThat(results.get(2).result()).isEqualTo("ran");
    assertThat(locks.busy("lb-1")).isFalse();
  }

  @Test
  void differentLoadBalancersDoNotWaitForEachOther() {
    List<Future<String>> results = new ArrayList<>();
    hold("lb-1", "one", results);
    hold("lb-2", "two", results);

    assertThat(started).containsExactly("one", "two");
    assertThat(locks.busy("lb-1")).isTrue();
    assertThat(locks.busy("lb-2")).isTrue();
  }
}

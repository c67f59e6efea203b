package io.sluice.controller.reconcile;

import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A cloud route in memory: reads and writes complete at once, and the test scripts failures. Each
 * write is one step named {@code SetSplit}.
 */
public final class FakeActuator implements Actuator {
  TrafficSplit routed;

  /** False: the routing read has pieces that disagree (a half-done plan's uneven weights). */
  boolean uniform = true;

  final List<TrafficSplit> writes = new ArrayList<>();
  public final Deque<ActuationException> applyFailures = new ArrayDeque<>();
  int readFailures;
  int attempts;

  /** True: apply never answers, as a cloud call or a disk that hangs. */
  boolean hangs;

  String readFailureCode = "Sluice.Unreadable";
  int reads;
  private int requests;

  public FakeActuator(TrafficSplit routed) {
    this.routed = routed;
  }

  @Override
  public String kind() {
    return "fake";
  }

  @Override
  public Future<Routing> read() {
    reads++;
    if (readFailures > 0) {
      readFailures--;
      return Future.failedFuture(unknown(readFailureCode));
    }
    return Future.succeededFuture(new Routing(routed, "fake " + routed, uniform));
  }

  @Override
  public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
    String requestId = "req-" + ++requests;
    attempts++;
    if (hangs) {
      return io.vertx.core.Promise.<Applied>promise().future();
    }
    // the write is made only once its intent is durable (and, in a group, fenced)
    return log.before("SetSplit", "fake", desired.toString())
        .compose(durable -> write(desired, log, requestId));
  }

  private Future<Applied> write(TrafficSplit desired, StepLog log, String requestId) {
    ActuationException failure = applyFailures.poll();
    if (failure != null) {
      log.after("SetSplit", "fake", requestId, failure.outcome().name());
      return Future.failedFuture(failure);
    }
    routed = desired;
    uniform = true;
    writes.add(desired);
    log.after("SetSplit", "fake", requestId, "APPLIED");
    return Future.succeededFuture(
        new Applied(
            new Routing(routed, "fake " + routed, true), List.of(requestId), Optional.empty()));
  }

  public static ActuationException unknown(String code) {
    return new ActuationException(
        ActuationException.Outcome.UNKNOWN, code, "no answer", List.of(), null);
  }
}

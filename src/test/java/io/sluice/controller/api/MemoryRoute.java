package io.sluice.controller.api;

import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** A route's cloud routing in memory; each write is one step with a RequestId req-N. */
final class MemoryRoute implements Actuator {
  volatile TrafficSplit routed;
  private int requests;

  MemoryRoute(TrafficSplit routed) {
    this.routed = routed;
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public Future<Routing> read() {
    return Future.succeededFuture(new Routing(routed, "memory " + routed, true));
  }

  @Override
  public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
    String requestId = "req-" + ++requests;
    log.before("SetSplit", "memory", desired.toString());
    routed = desired;
    log.after("SetSplit", "memory", requestId, "APPLIED");
    return Future.succeededFuture(
        new Applied(
            new Routing(desired, "memory " + desired, true), List.of(requestId), Optional.empty()));
  }
}

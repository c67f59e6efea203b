package io.sluice.controller.daemon;

import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.Applied;
import io.sluice.controller.actuate.Routing;
import io.sluice.controller.actuate.StepLog;
import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real actuators, each wrapped to note (wall clock, microseconds) when the reconciler first
 * asks it to apply a split, which is in the same call as the policy's Shift, and when the first
 * cloud write of a plan is about to be sent (its journal entry, made just before the call).
 */
final class TimedActuators {
  final AtomicReference<Instant> firstApply = new AtomicReference<>();
  final AtomicReference<Instant> firstWrite = new AtomicReference<>();

  ActuatorFactory.Builder wrap(ActuatorFactory.Builder real) {
    return (clients, guards, registry, vertx, options, lane) -> {
      ActuatorFactory factory = real.build(clients, guards, registry, vertx, options, lane);
      return (service, route) ->
          factory.actuators(service, route).stream().map(a -> (Actuator) new Timed(a)).toList();
    };
  }

  private final class Timed implements Actuator {
    private final Actuator actuator;

    Timed(Actuator actuator) {
      this.actuator = actuator;
    }

    @Override
    public String kind() {
      return actuator.kind();
    }

    @Override
    public Future<Routing> read() {
      return actuator.read();
    }

    @Override
    public Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log) {
      firstApply.compareAndSet(null, Instant.now());
      return actuator.apply(
          desired,
          actual,
          new StepLog() {
            @Override
            public Future<Void> before(String action, String target, String value) {
              return log.before(action, target, value)
                  .onSuccess(durable -> firstWrite.compareAndSet(null, Instant.now()));
            }

            @Override
            public void after(String action, String target, String requestId, String outcome) {
              log.after(action, target, requestId, outcome);
            }
          });
    }
  }
}

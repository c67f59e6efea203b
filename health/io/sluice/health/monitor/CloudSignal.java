package io.sluice.health.monitor;

import io.sluice.cloud.ClbRule;
import io.sluice.cloud.FunctionRef;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.sluice.health.signal.SignalOutcomes;
import io.sluice.health.signal.TargetState;
import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;

/** What one cloud signal of a backend reads, as a plain value. */
public sealed interface CloudSignal {

  /** Reads the signal once; the future always succeeds, with Inconclusive when the read failed. */
  Future<ProbeOutcome> check(CloudReaders readers);

  /** CLB's own health check of the rule's targets (DescribeTargetHealth). */
  record ClbTargets(ClbRule rule) implements CloudSignal {
    public ClbTargets {
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public Future<ProbeOutcome> check(CloudReaders readers) {
      return readers.clb().check(rule);
    }
  }

  /**
   * The CVM state of the instances bound to the rule (DescribeInstancesStatus). The instances are
   * read from the rule's targets on each check, so instances added or removed by autoscaling are
   * followed without a config change.
   */
  record CvmInstances(ClbRule rule) implements CloudSignal {
    public CvmInstances {
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public Future<ProbeOutcome> check(CloudReaders readers) {
      return readers
          .clb()
          .read(rule)
          .compose(
              health -> {
                List<String> instances =
                    health.targets().stream()
                        .map(TargetState::targetId)
                        .filter(id -> id.startsWith("ins-"))
                        .toList();
                if (instances.isEmpty()) {
                  return Future.succeededFuture(
                      new ProbeOutcome.Inconclusive(
                          InconclusiveCause.NOT_MEASURED,
                          "no CVM instance is bound to rule " + rule));
                }
                return readers.cvm().check(instances);
              })
          .otherwise(SignalOutcomes::classify);
    }
  }

  /** The function's status and type (GetFunction). */
  record ScfFunction(FunctionRef function) implements CloudSignal {
    public ScfFunction {
      Objects.requireNonNull(function, "function");
    }

    @Override
    public Future<ProbeOutcome> check(CloudReaders readers) {
      return readers.scf().check(function);
    }
  }
}

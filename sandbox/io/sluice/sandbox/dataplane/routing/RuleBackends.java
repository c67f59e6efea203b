package io.sluice.sandbox.dataplane.routing;

import java.util.List;
import java.util.Objects;

/**
 * What a layer-7 rule forwards to: real servers or exactly one function, never both (reference
 * 3.1), so the two cases are a closed choice.
 */
public sealed interface RuleBackends {

  /** Real servers, chosen by weighted round robin among the healthy ones. */
  record Cvms(List<CvmTarget> targets) implements RuleBackends {
    public Cvms {
      targets = List.copyOf(targets);
    }
  }

  /** One SCF function reached through the CLB-trigger contract. */
  record Function(FunctionRef function) implements RuleBackends {
    public Function {
      Objects.requireNonNull(function, "function");
    }
  }
}

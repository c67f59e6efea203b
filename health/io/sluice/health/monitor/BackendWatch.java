package io.sluice.health.monitor;

import io.sluice.health.BackendRule;
import java.util.List;
import java.util.Objects;

/** A backend's rule and the probes its verdict is made from. */
public record BackendWatch(BackendRule rule, List<ProbeWatch> checks) {
  public BackendWatch {
    Objects.requireNonNull(rule, "rule");
    checks = List.copyOf(checks);
  }
}

package io.sluice.controller.simulate;

import io.sluice.policies.Backend;
import java.time.Duration;
import java.util.OptionalDouble;

/** A world in which one backend is down whenever {@link #down} says so. */
abstract class Downtime implements World {
  private final World base;
  private final Backend target;
  private final String detail;

  Downtime(World base, Backend target, String detail) {
    this.base = base;
    this.target = target;
    this.detail = detail;
  }

  abstract boolean down(Duration at);

  @Override
  public Sample sample(Backend backend, String check, String vantage, Duration at) {
    return backend == target && down(at)
        ? new Sample(Sample.Kind.DOWN, detail + " (connection refused)")
        : base.sample(backend, check, vantage, at);
  }

  @Override
  public boolean healthy(Backend backend, Duration at) {
    return !(backend == target && down(at)) && base.healthy(backend, at);
  }

  @Override
  public OptionalDouble cvmLoad(Duration at) {
    return base.cvmLoad(at);
  }
}

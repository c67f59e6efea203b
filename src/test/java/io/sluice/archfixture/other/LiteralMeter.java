package io.sluice.archfixture.other;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Fixture: a meter named by a literal (forbidden: meters are named only in MeterNames). */
public final class LiteralMeter {
  Counter stray(MeterRegistry registry) {
    return Counter.builder("sluice.stray").register(registry);
  }
}

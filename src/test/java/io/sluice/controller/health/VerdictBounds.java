package io.sluice.controller.health;

import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.probe.ProbeSpec;
import java.time.Duration;

/**
 * How long a backend's verdict may take to follow a change of the backend, from its probe's
 * settings. Probes are planned from one start to the next, whatever each takes, so the first probe
 * after the change starts within one interval and the n-th within n (each stretched by the
 * scheduler's jitter), and it settles within the timeout: DOWN comes within fall x interval +
 * timeout and UP within rise x interval + timeout, plus headroom for the machine.
 */
record VerdictBounds(ProbeWatch probe) {
  // A busy CI machine: the event loop runs late, a probe the scheduler starts too late is skipped
  // as Inconclusive (it says nothing about the backend) and costs one more interval, and
  // Awaitility polls.
  private static final Duration CI_HEADROOM = Duration.ofSeconds(1);

  Duration toDown() {
    return after(probe.thresholds().fall());
  }

  Duration toUp() {
    return after(probe.thresholds().rise());
  }

  private Duration after(int probes) {
    ProbeSpec spec = probe.spec();
    long probing = (long) (spec.interval().toNanos() * probes * (1 + spec.jitterFraction()));
    return Duration.ofNanos(probing).plus(spec.timeout()).plus(CI_HEADROOM);
  }
}

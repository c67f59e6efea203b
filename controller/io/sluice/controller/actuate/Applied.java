package io.sluice.controller.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A completed {@link Actuator#apply}.
 *
 * @param after the routing read back after the last write
 * @param requestIds the cloud RequestIds of every write, in order, for the audit log
 * @param gap when make-before-break was impossible, what was unrouted and for how long, such as
 *     {@code rule loc-1 had no target for 340 ms (mixedRuleTargets rejected)}
 * @param unrouted how long, in all, the route had nothing routed (zero for make-before-break)
 */
public record Applied(
    Routing after, List<String> requestIds, Optional<String> gap, Duration unrouted) {
  public Applied {
    Objects.requireNonNull(after, "after");
    requestIds = List.copyOf(requestIds);
    Objects.requireNonNull(gap, "gap");
    Objects.requireNonNull(unrouted, "unrouted");
  }

  /** A change that never left the route with nothing routed. */
  public Applied(Routing after, List<String> requestIds, Optional<String> gap) {
    this(after, requestIds, gap, Duration.ZERO);
  }
}

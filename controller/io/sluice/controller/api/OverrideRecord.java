package io.sluice.controller.api;

import io.sluice.policies.Backend;
import io.sluice.policies.OperatorOverride;
import io.sluice.policies.OperatorOverride.OverrideAction;
import io.sluice.policies.TrafficSplit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator override as the store keeps it on disk: with wall-clock times, since monotonic time
 * means nothing to the next process.
 *
 * @param kind {@code pin}, {@code split} or {@code pause}
 * @param split the split a pin or split routes; absent for a pause
 * @param requestId the API request that set it, to find it in the audit log
 */
public record OverrideRecord(
    String service,
    String kind,
    Optional<String> split,
    String actor,
    String reason,
    Instant setAt,
    Instant expiresAt,
    boolean forced,
    String requestId) {

  public OverrideRecord {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(setAt, "setAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** What the override routes to, when it routes at all (a pause keeps the current split). */
  public Optional<TrafficSplit> routes() {
    return split.map(TrafficSplit::parse);
  }

  /** The policy's view, expiring at {@code expiresAtNanos} on the monotonic clock. */
  OperatorOverride toPolicy(long expiresAtNanos) {
    OverrideAction action =
        switch (kind) {
          case "pin" -> new OverrideAction.Pin(pinned());
          case "split" -> new OverrideAction.FixedSplit(routes().orElseThrow());
          default -> new OverrideAction.Pause();
        };
    return new OperatorOverride(action, actor, reason, expiresAtNanos, forced);
  }

  private Backend pinned() {
    TrafficSplit s = routes().orElseThrow();
    return s.isAllOn(Backend.CVM) ? Backend.CVM : Backend.SCF;
  }

  /** For people: {@code pin scf}, {@code split cvm=70,scf=30}, {@code pause}. */
  public String describe() {
    return switch (kind) {
      case "pin" -> "pin " + pinned().id();
      case "split" -> "split " + split.orElse("");
      default -> "pause";
    };
  }
}

package io.sluice.policies;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Diversion for one domain: it normally goes to its assigned backend; scheduled windows and load
 * spill move it (or part of it) to the other one; failover protection moves it away from a DOWN
 * backend when the other one is UP.
 *
 * @param assigned the backend this domain normally resolves to
 * @param windows scheduled moves, for example a flash sale
 * @param spill load-based spill from CVM to SCF, only meaningful when {@code assigned} is CVM
 * @param failoverProtection move the domain when its backend is DOWN and the other is UP
 */
public record DiversionSettings(
    Backend assigned,
    List<ScheduledWindow> windows,
    Optional<Spill> spill,
    boolean failoverProtection,
    Safeguards safeguards,
    Optional<Prewarm> prewarm)
    implements PolicySettings {

  public DiversionSettings {
    Objects.requireNonNull(assigned, "assigned");
    windows = List.copyOf(windows);
    Objects.requireNonNull(spill, "spill");
    Objects.requireNonNull(safeguards, "safeguards");
    Objects.requireNonNull(prewarm, "prewarm");
    Requirements.check(
        spill.isEmpty() || assigned == Backend.CVM,
        "spill: only a domain assigned to cvm can spill to scf");
  }

  @Override
  public Backend home() {
    return assigned;
  }

  /** The window in force at {@code now}, if any (the first one listed wins). */
  public Optional<ScheduledWindow> windowAt(Instant now) {
    return windows.stream().filter(w -> w.contains(now)).findFirst();
  }

  /**
   * From {@code from} (inclusive) to {@code to} (exclusive), send {@code percent} of the domain's
   * traffic to {@code target}.
   */
  public record ScheduledWindow(Instant from, Instant to, Backend target, int percent) {
    public ScheduledWindow {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(target, "target");
      Requirements.check(
          to.isAfter(from), "window.to: must be after from (" + from + "), got " + to);
      Requirements.inRange("window.percent", percent, 1, 100);
    }

    public boolean contains(Instant now) {
      return !now.isBefore(from) && now.isBefore(to);
    }

    /** True from {@code lead} before the start until the end. */
    public boolean withinLeadOf(Instant now, Duration lead) {
      return !now.isBefore(from.minus(lead)) && now.isBefore(to);
    }
  }

  /**
   * When the CVM load signal stays above {@code above} for {@code sustainFor}, move {@code
   * stepPercent} more to SCF every {@code stepEvery}, up to {@code capPercent}; when it stays below
   * {@code below} for {@code sustainFor}, move back the same way. The band between is hysteresis.
   */
  public record Spill(
      double above,
      double below,
      Duration sustainFor,
      int stepPercent,
      Duration stepEvery,
      int capPercent) {
    public static final Duration DEFAULT_SUSTAIN_FOR = Duration.ofMinutes(2);
    public static final int DEFAULT_STEP_PERCENT = 20;
    public static final Duration DEFAULT_STEP_EVERY = Duration.ofMinutes(1);
    public static final int DEFAULT_CAP_PERCENT = 60;

    public Spill {
      Requirements.check(
          below < above,
          "spill.below: must be less than spill.above (" + above + "), got " + below);
      Requirements.nonNegative("spill.sustainFor", sustainFor);
      Requirements.inRange("spill.stepPercent", stepPercent, 1, 100);
      Requirements.nonNegative("spill.stepEvery", stepEvery);
      Requirements.inRange("spill.capPercent", capPercent, 1, 100);
    }
  }
}

package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.policies.Backend;
import io.sluice.policies.DiversionSettings;
import io.sluice.policies.FailoverSettings;
import io.sluice.policies.FlapBudget;
import io.sluice.policies.Safeguards;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A service's policy: the safeguards, and exactly one of failover or diversion.
 *
 * @param minDwell no automatic change sooner than this after the previous one
 * @param warmupRounds verdict rounds to see after a start before acting
 */
public record PolicyConfig(
    Duration minDwell,
    FlapBudgetConfig flapBudget,
    @Min(0) @Max(1000) int warmupRounds,
    Optional<FailoverConfig> failover,
    Optional<DiversionConfig> diversion) {
  public static final Duration DEFAULT_MIN_DWELL = Safeguards.DEFAULT_MIN_DWELL;
  public static final int DEFAULT_WARMUP_ROUNDS = Safeguards.DEFAULT_WARMUP_ROUNDS;

  public Safeguards safeguards(boolean observeOnly) {
    return new Safeguards(minDwell, flapBudget.toPolicy(), warmupRounds, observeOnly);
  }

  /** The most automatic changes of direction within {@code window} before the route freezes. */
  public record FlapBudgetConfig(@Min(2) @Max(1000) int maxTransitions, Duration window) {
    public static final int DEFAULT_MAX_TRANSITIONS = FlapBudget.DEFAULT_MAX_TRANSITIONS;
    public static final Duration DEFAULT_WINDOW = FlapBudget.DEFAULT_WINDOW;

    public FlapBudget toPolicy() {
      return new FlapBudget(maxTransitions, window);
    }
  }

  /**
   * Send everything to {@code primary} while it is healthy; fail over to the other backend when it
   * has been DOWN for {@code confirmFor}.
   */
  public record FailoverConfig(Backend primary, Duration confirmFor, FailbackConfig failback) {
    public static final Backend DEFAULT_PRIMARY = Backend.CVM;
    public static final Duration DEFAULT_CONFIRM_FOR = FailoverSettings.DEFAULT_CONFIRM_FOR;
  }

  /**
   * Return to the primary once it has been UP for {@code after}, raising its weight through {@code
   * steps} (percent), one step per {@code stepEvery}; a DOWN shorter than {@code tolerateDown} (and
   * {@code confirmFor}) during the wait pauses it, not restarts it.
   */
  public record FailbackConfig(
      Duration after, List<Integer> steps, Duration stepEvery, Duration tolerateDown) {
    public static final Duration DEFAULT_AFTER = FailoverSettings.Failback.DEFAULT_AFTER;
    public static final Duration DEFAULT_TOLERATE_DOWN =
        FailoverSettings.Failback.DEFAULT_TOLERATE_DOWN;

    /**
     * The steps when none are written and the actuator can split traffic (not a {@code DEFAULT_}
     * constant: the default depends on the actuator, so the schema names none).
     */
    public static final List<Integer> SPLIT_STEPS = FailoverSettings.Failback.DEFAULT_STEPS;

    /**
     * The steps when none are written and the actuator holds only whole splits: clb-rule without
     * mixed targets, whose rule holds the CVM targets or the function, never both.
     */
    public static final List<Integer> WHOLE_STEPS = List.of(100);

    public static final Duration DEFAULT_STEP_EVERY = FailoverSettings.Failback.DEFAULT_STEP_EVERY;

    public FailbackConfig {
      steps = Immutable.list(steps);
    }

    /**
     * @param splittable whether the service's actuator can hold a split between the backends;
     *     decides the steps when none are written
     */
    public FailoverSettings.Failback toPolicy(boolean splittable) {
      List<Integer> written = steps.isEmpty() ? (splittable ? SPLIT_STEPS : WHOLE_STEPS) : steps;
      return new FailoverSettings.Failback(after, written, stepEvery, tolerateDown);
    }
  }

  /**
   * Each domain normally goes to its assigned backend; windows and spill move it.
   *
   * @param domains each of the service's domains and the backend it is assigned to
   * @param failoverProtection move a domain off its backend when that is DOWN and the other is UP
   */
  public record DiversionConfig(
      @NotNull @Size(min = 1) Map<String, Backend> domains,
      boolean failoverProtection,
      List<WindowConfig> windows,
      Optional<SpillConfig> spill) {
    public static final boolean DEFAULT_FAILOVER_PROTECTION = true;

    public DiversionConfig {
      domains = Immutable.map(domains);
      windows = Immutable.list(windows);
    }
  }

  /**
   * From {@code from} until {@code to}, send {@code percent} of {@code domain} to {@code target}.
   */
  public record WindowConfig(
      @NotNull String domain,
      @NotNull OffsetDateTime from,
      @NotNull OffsetDateTime to,
      @NotNull Backend target,
      @Min(1) @Max(100) int percent) {
    public static final int DEFAULT_PERCENT = 100;

    public DiversionSettings.ScheduledWindow toPolicy() {
      return new DiversionSettings.ScheduledWindow(
          from.toInstant(), to.toInstant(), target, percent);
    }
  }

  /**
   * Spill part of a cvm-assigned domain to SCF while the load signal stays above {@code above}, and
   * bring it back when it stays below {@code below}.
   *
   * @param cap the most percent ever spilled
   * @param domains the cvm-assigned domains that spill; empty: all of them
   */
  public record SpillConfig(
      @NotNull SpillSignal signal,
      @NotNull @DecimalMin("0") double above,
      @NotNull @DecimalMin("0") double below,
      Duration sustainFor,
      @Min(1) @Max(100) int stepPercent,
      Duration stepEvery,
      @Min(1) @Max(100) int cap,
      List<String> domains) {
    public static final Duration DEFAULT_SUSTAIN_FOR = DiversionSettings.Spill.DEFAULT_SUSTAIN_FOR;
    public static final int DEFAULT_STEP_PERCENT = DiversionSettings.Spill.DEFAULT_STEP_PERCENT;
    public static final Duration DEFAULT_STEP_EVERY = DiversionSettings.Spill.DEFAULT_STEP_EVERY;
    public static final int DEFAULT_CAP = DiversionSettings.Spill.DEFAULT_CAP_PERCENT;

    public SpillConfig {
      domains = Immutable.list(domains);
    }

    public boolean appliesTo(String domain) {
      return domains.isEmpty() || domains.contains(domain);
    }

    public DiversionSettings.Spill toPolicy() {
      return new DiversionSettings.Spill(above, below, sustainFor, stepPercent, stepEvery, cap);
    }
  }

  /** The CVM load signal spill watches. */
  public enum SpillSignal {
    /** 95th percentile latency in milliseconds. */
    P95_LATENCY_MS,
    /** Share of responses that are 5xx, 0-1. */
    FIVE_XX_RATE;

    @JsonValue
    public String id() {
      return this == FIVE_XX_RATE ? "5xx-rate" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}

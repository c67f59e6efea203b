package io.sluice.sandbox.scenario;

import io.sluice.sandbox.api.ApiDispatcher;
import io.sluice.sandbox.clb.MixedRuleTargets;
import io.sluice.sandbox.clb.TaskSettings;
import io.sluice.sandbox.dataplane.DataPlaneSettings;
import io.sluice.sandbox.dataplane.clb.ClbTriggerSettings;
import io.sluice.sandbox.dataplane.clb.HealthCheckSettings;
import io.sluice.sandbox.dataplane.functions.FunctionRuntimeSettings;
import io.sluice.sandbox.monitor.MonitorSettings;
import io.sluice.sandbox.scf.ScfSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scenario's {@code settings} section into the settings of each part of the sandbox, with
 * the parts' own defaults for anything left out; a bad value names the key and the value.
 */
public final class ScenarioSettings {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private final SandboxScenario.SettingsSpec spec;

  public ScenarioSettings(SandboxScenario scenario) {
    this.spec =
        scenario
            .settings()
            .orElse(
                new SandboxScenario.SettingsSpec(
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    java.util.Optional.empty()));
  }

  public TaskSettings tasks() {
    double rate = spec.taskFailureRate().orElse(TaskSettings.DEFAULT_FAILURE_RATE);
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "settings.taskFailureRate: must be between 0 and 1, got " + rate);
    }
    return new TaskSettings(
        spec.taskDuration()
            .map(v -> duration("settings.taskDuration", v))
            .orElse(TaskSettings.DEFAULT_DURATION),
        rate,
        TaskSettings.DEFAULT_RETAINED_TASKS,
        TaskSettings.DEFAULT_UNKNOWN_TASK);
  }

  public ScfSettings scf() {
    ScfSettings d = ScfSettings.defaults();
    double ramp = spec.provisionedRampPerSecond().orElse(d.provisionedRampPerSecond());
    if (!(ramp >= 0) || Double.isInfinite(ramp)) {
      throw new IllegalArgumentException(
          "settings.provisionedRampPerSecond: must be 0 (never ready) or more, got " + ramp);
    }
    return d.withRamp(ramp);
  }

  public MixedRuleTargets mixedRuleTargets() {
    return spec.mixedRuleTargets()
        .map(v -> enumValue("settings.mixedRuleTargets", MixedRuleTargets.class, v))
        .orElse(MixedRuleTargets.REJECTED);
  }

  public MonitorSettings monitor() {
    MonitorSettings d = MonitorSettings.defaults();
    return new MonitorSettings(
        d.maxInstances(), d.maxPoints(), spec.monitorOpenPeriod().orElse(d.publishOpenPeriod()));
  }

  /** How long the API waits for an action before it answers InternalError. */
  public Duration actionTimeout() {
    return spec.actionTimeout()
        .map(v -> positiveDuration("settings.actionTimeout", v))
        .orElse(ApiDispatcher.DEFAULT_ACTION_TIMEOUT);
  }

  public DataPlaneSettings dataPlane() {
    DataPlaneSettings d = DataPlaneSettings.DEFAULTS;
    HealthCheckSettings h = d.healthCheck();
    if (spec.healthCheck().isPresent()) {
      SandboxScenario.HealthCheckSpec hc = spec.healthCheck().get();
      h =
          new HealthCheckSettings(
              hc.interval()
                  .map(v -> duration("settings.healthCheck.interval", v))
                  .orElse(h.interval()),
              hc.timeout()
                  .map(v -> duration("settings.healthCheck.timeout", v))
                  .orElse(h.timeout()),
              hc.healthyThreshold().orElse(h.healthyThreshold()),
              hc.unhealthyThreshold().orElse(h.unhealthyThreshold()),
              h.path());
    }
    ClbTriggerSettings t = d.clbTrigger();
    if (spec.functionEvent().isPresent()) {
      t =
          new ClbTriggerSettings(
              enumValue(
                  "settings.functionEvent",
                  ClbTriggerSettings.EventShape.class,
                  spec.functionEvent().get()),
              t.malformedResponseStatus(),
              t.functionErrorStatus(),
              t.functionTimeoutStatus());
    }
    FunctionRuntimeSettings f = d.functions();
    if (spec.pythonCommand().isPresent()) {
      String command = spec.pythonCommand().get().strip();
      if (command.isEmpty()) {
        throw new IllegalArgumentException(
            "settings.pythonCommand: must name an interpreter, got '"
                + spec.pythonCommand().get()
                + "'");
      }
      f =
          new FunctionRuntimeSettings(
              command, f.maxWorkersPerFunction(), f.invocationThreads(), f.shutdownGrace());
    }
    return new DataPlaneSettings(
        d.vip(), h, t, f, d.fleetReconcileInterval(), spec.dnsSeed().orElse(d.dnsSeed()));
  }

  /**
   * {@code 300ms}, {@code 2s}, {@code 5m}, {@code 1h}. A small parser of its own: the sandbox may
   * not import {@code io.sluice.policies.Durations} (it stands alone, see ArchitectureTest).
   */
  public static Duration duration(String key, String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          key + ": must be a duration like 300ms, 2s, 5m or 1h, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static Duration positiveDuration(String key, String text) {
    Duration d = duration(key, text);
    if (d.isZero()) {
      throw new IllegalArgumentException(key + ": must be above zero, got '" + text + "'");
    }
    return d;
  }

  private static <E extends Enum<E>> E enumValue(String key, Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text.strip())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        key
            + ": must be one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList()
            + ", got '"
            + text
            + "'");
  }
}

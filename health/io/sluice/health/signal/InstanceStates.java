package io.sluice.health.signal;

import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CVM API's state of each asked-for instance ({@code RUNNING}, {@code STOPPED}...); an instance
 * the answer leaves out reads {@code ABSENT}. Only RUNNING can serve, so a backend whose instances
 * are all stopped is down whatever any probe says.
 */
public record InstanceStates(Map<String, String> byInstance) {
  public static final String RUNNING = "RUNNING";
  public static final String ABSENT = "ABSENT";

  public InstanceStates {
    byInstance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byInstance));
  }

  static InstanceStates of(List<String> asked, Map<String, String> answered) {
    Map<String, String> states = new LinkedHashMap<>();
    for (String id : asked) {
      states.put(id, answered.getOrDefault(id, ABSENT));
    }
    return new InstanceStates(states);
  }

  public long running() {
    return byInstance.values().stream().filter(RUNNING::equals).count();
  }

  /**
   * Up when any instance is RUNNING, else Down CLOUD_REPORTED_UNHEALTHY naming each state; but an
   * answer that names none of the instances says nothing about them: Inconclusive.
   */
  public ProbeOutcome outcome(Duration latency) {
    if (running() > 0) {
      return new ProbeOutcome.Up(latency);
    }
    if (byInstance.values().stream().allMatch(ABSENT::equals)) {
      return new ProbeOutcome.Inconclusive(
          InconclusiveCause.CLOUD_API_ERROR,
          "DescribeInstancesStatus named none of " + byInstance.keySet());
    }
    String each =
        byInstance.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return new ProbeOutcome.Down(
        DownReason.CLOUD_REPORTED_UNHEALTHY,
        "0 of " + byInstance.size() + " instances RUNNING" + (each.isEmpty() ? "" : ": " + each));
  }
}

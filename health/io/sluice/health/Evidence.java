package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * What one check said at one vantage point: its status when the verdict was taken and its last
 * results with their reasons, oldest first.
 */
public record Evidence(String vantage, String check, Verdict status, List<ProbeResult> recent) {
  public Evidence {
    Objects.requireNonNull(vantage, "vantage");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    recent = List.copyOf(recent);
  }

  /** A line for people, such as {@code az3/http DOWN, last DOWN CONNECTION_REFUSED at ...}. */
  public String describe() {
    String last = recent.isEmpty() ? "no results" : "last " + recent.getLast().describe();
    return vantage + "/" + check + " " + status + ", " + last;
  }
}

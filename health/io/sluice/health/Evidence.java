package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * What one check said at one vantage point: its status when the verdict was taken and its last
 * results with their reasons, oldest first. A remote vantage point (another replica) has no checks
 * here: its evidence is its reported verdict, under the check name {@value #REPORTED}, with a note
 * saying how old the report is, or that it is stale or its replica left.
 *
 * @param note how a remote vantage point's report stands; empty for a check probed here
 */
public record Evidence(
    String vantage, String check, Verdict status, List<ProbeResult> recent, String note) {
  /** The check name of a remote vantage point's reported verdict. */
  public static final String REPORTED = "reported";

  public Evidence {
    Objects.requireNonNull(vantage, "vantage");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
    recent = List.copyOf(recent);
  }

  /** A check probed here. */
  public Evidence(String vantage, String check, Verdict status, List<ProbeResult> recent) {
    this(vantage, check, status, recent, "");
  }

  /** A remote vantage point's verdict, as its replica reported it, with how the report stands. */
  static Evidence reported(String vantage, Verdict status, String note) {
    return new Evidence(vantage, REPORTED, status, List.of(), note);
  }

  /**
   * A line for people, such as {@code az3/http DOWN, last DOWN CONNECTION_REFUSED at ...}, or
   * {@code az4/reported UP, reported 0.8 s ago}.
   */
  public String describe() {
    if (!note.isEmpty()) {
      return vantage + "/" + check + " " + status + ", " + note;
    }
    String last = recent.isEmpty() ? "no results" : "last " + recent.getLast().describe();
    return vantage + "/" + check + " " + status + ", " + last;
  }
}

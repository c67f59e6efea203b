package io.sluice.controller.ha;

import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Every replica a vantage point: each publishes the verdicts its own probes and signals give (after
 * fall/rise and the correlation guard, per backend), and the leader decides on the quorum over
 * replicas ({@code BackendRule.acrossVantages}). A replica that stopped publishing counts as
 * UNKNOWN after a bounded staleness, never as UP or DOWN.
 */
public interface VerdictExchange {

  /**
   * Publishes this replica's verdicts. The exchange writes at most one report per short interval,
   * the newest one winning, and repeats the last one every {@code publishEvery} so that readers can
   * tell a silent replica from an unchanged one.
   */
  void publish(Report report);

  /**
   * Tells {@code listener}, on the daemon's context, of every report of another replica, and of a
   * replica that left the group (its session ended) as a report with no verdicts.
   */
  void onReport(Consumer<Received> listener);

  /**
   * One replica's verdicts.
   *
   * @param replica who saw them (its vantage point's name)
   * @param seq grows with each report of that replica's process; a reader drops one that is not
   *     newer than the last it took
   * @param verdicts by service, then backend
   */
  record Report(String replica, long seq, Map<String, Map<Backend, Verdict>> verdicts) {
    public Report {
      Objects.requireNonNull(replica, "replica");
      verdicts = Map.copyOf(verdicts);
    }
  }

  /**
   * A report as this replica received it.
   *
   * @param receivedNanos this replica's monotonic time on receipt, from which staleness counts
   */
  record Received(Report report, long receivedNanos) {}
}

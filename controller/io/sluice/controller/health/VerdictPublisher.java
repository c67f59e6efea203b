package io.sluice.controller.health;

import io.sluice.controller.ha.VerdictExchange;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica a vantage point, wired to the group: publishes this replica's verdicts (the local
 * vantage point's, after its correlation guard) through the {@link VerdictExchange} at start and on
 * every change, and feeds every other replica's report into the {@link HealthMonitor}, which judges
 * each backend on the quorum over all of them.
 *
 * <p>Each report carries a sequence that grows with every report of this process, from {@code
 * seqStart}: a start in wall milliseconds keeps a restarted replica's sequence above its last
 * one's. Received reports older than the last one taken from the same replica are dropped (a report
 * with the same sequence is the exchange's repeat of an unchanged one, and keeps it fresh); a
 * replica leaving starts its sequence afresh, for when it comes back. A report from a replica that
 * is not a configured vantage point is ignored, with one WARN per replica.
 *
 * <p>Threading: everything runs on the monitor's context, which must be the daemon's context, where
 * the exchange calls its listeners.
 */
public final class VerdictPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(VerdictPublisher.class);

  private final VerdictExchange exchange;
  private final String replica;
  private final HealthMonitor monitor;
  private final Map<String, Long> lastSeq = new HashMap<>();
  private final Set<String> strangers = new HashSet<>();
  private long seq;

  /**
   * @param replica this replica's name, which must be the monitor's local vantage point
   * @param seqStart the first report's sequence, such as the wall clock's milliseconds at start
   * @throws IllegalArgumentException when {@code replica} is not the monitor's local vantage point
   */
  public VerdictPublisher(
      VerdictExchange exchange, String replica, HealthMonitor monitor, long seqStart) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.replica = Objects.requireNonNull(replica, "replica");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.seq = seqStart;
    String local = monitor.vantagePoints().local();
    if (!local.equals(replica)) {
      throw new IllegalArgumentException(
          "replica '" + replica + "' must probe from its own vantage point, not '" + local + "'");
    }
  }

  /** Publishes the local verdicts now and on every change, and takes the others' reports. */
  public void start() {
    monitor.subscribeLocal(this::publish);
    exchange.onReport(this::received);
    publish(monitor.localVerdicts());
  }

  private void publish(Map<String, Map<Backend, Verdict>> verdicts) {
    exchange.publish(new VerdictExchange.Report(replica, seq++, verdicts));
  }

  private void received(VerdictExchange.Received received) {
    VerdictExchange.Report report = received.report();
    String from = report.replica();
    if (from.equals(replica)) {
      return;
    }
    if (!monitor.vantagePoints().names().contains(from)) {
      if (strangers.add(from)) {
        LOG.warn(
            "replica '{}' reports verdicts but is not one of the vantage points {}; its reports"
                + " are ignored (is its name in controller.vantagePoints on every replica?)",
            from,
            monitor.vantagePoints().names());
      }
      return;
    }
    Long last = lastSeq.get(from);
    if (last != null && report.seq() < last) {
      return;
    }
    if (report.verdicts().isEmpty()) {
      lastSeq.remove(from);
    } else {
      lastSeq.put(from, report.seq());
    }
    monitor.remoteReport(from, report.verdicts(), received.receivedNanos());
  }
}

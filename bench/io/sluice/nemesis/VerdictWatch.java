package io.sluice.nemesis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapes replicas' {@code /metrics} on every {@link #poll} and counts, per replica, how often
 * shop's CVM verdict entered DOWN: the verdict it decides on (the quorum; the one a leader acts on)
 * and the verdict at its own vantage point (its probes alone). A DOWN lasts at least rise probe
 * intervals (2 × 2 s here), so a scrape every 250 ms sees each one.
 */
final class VerdictWatch {
  private static final String DOWN = "DOWN";

  /** One replica's figures so far. */
  static final class Tally {
    int quorumDowns;
    int ownDowns;
    Duration quorumDownFor = Duration.ZERO;
    int scrapesLed;
    int scrapes;
    int unanswered;
    private String quorum = "";
    private String own = "";
  }

  private final List<ReplicaProcess> replicas;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private long lastPollNanos;

  VerdictWatch(List<ReplicaProcess> replicas) {
    this.replicas = List.copyOf(replicas);
    replicas.forEach(r -> tallies.put(r.name(), new Tally()));
  }

  /** Scrapes every replica once. */
  void poll() {
    long now = System.nanoTime();
    Duration since = lastPollNanos == 0 ? Duration.ZERO : Duration.ofNanos(now - lastPollNanos);
    lastPollNanos = now;
    for (ReplicaProcess replica : replicas) {
      Tally t = tallies.get(replica.name());
      String text = replica.metrics();
      t.scrapes++;
      if (text.isEmpty()) {
        t.unanswered++;
        continue;
      }
      ReplicaMetrics m = ReplicaMetrics.parse(text);
      if (m.leader()) {
        t.scrapesLed++;
      }
      String quorum = m.verdict().orElse("");
      if (quorum.equals(DOWN)) {
        t.quorumDownFor = t.quorumDownFor.plus(since);
        if (!t.quorum.equals(DOWN)) {
          t.quorumDowns++;
        }
      }
      t.quorum = quorum;
      String own = m.vantageVerdicts().getOrDefault(replica.name(), "");
      if (own.equals(DOWN) && !t.own.equals(DOWN)) {
        t.ownDowns++;
      }
      t.own = own;
    }
  }

  Map<String, Tally> tallies() {
    return tallies;
  }
}

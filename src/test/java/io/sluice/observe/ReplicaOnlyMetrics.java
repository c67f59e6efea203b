package io.sluice.observe;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics the dashboards and rules read that only a replica of a group ({@code controller.ha})
 * exports, never a single process: {@link ExportedMetricsIT} exempts them from its check on one
 * daemon, and the group's IT ({@code GroupDaemonsIT}) checks them on each of three replicas.
 */
public final class ReplicaOnlyMetrics {
  public static final Set<String> NAMES =
      Set.of(
          "sluice_ha_leader",
          "sluice_ha_connected",
          "sluice_ha_epoch",
          "sluice_ha_clock_in_step",
          "sluice_backend_vantage_verdict");

  private ReplicaOnlyMetrics() {}

  /** Those of {@link #NAMES} that a {@code /metrics} page in the Prometheus format lacks. */
  public static Set<String> missingFrom(String exposition) {
    Set<String> missing = new TreeSet<>(NAMES);
    missing.removeAll(Exposition.names(exposition));
    return missing;
  }
}

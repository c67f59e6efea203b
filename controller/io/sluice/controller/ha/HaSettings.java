package io.sluice.controller.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * A replica group on ZooKeeper ({@code controller.ha}), as the daemon uses it.
 *
 * @param connect the ensemble, such as {@code zk1:2181,zk2:2181,zk3:2181}
 * @param namespace the path under which the group keeps everything (Curator's namespace), so that
 *     several groups can share an ensemble
 * @param replica this replica's name, unique in the group; also its vantage point's name
 * @param advertise where this replica's API answers, for the others to name (scheme, host, port)
 * @param sessionTimeout the ZooKeeper session timeout asked for: a leader that stops hearing from
 *     the ensemble for this long is replaced, and its cloud writes end before it could be
 * @param connectionTimeout how long a connection attempt may take
 * @param publishEvery how often a replica repeats its verdicts when nothing changed
 * @param staleAfter a replica whose verdicts are older than this counts as UNKNOWN
 */
public record HaSettings(
    String connect,
    String namespace,
    String replica,
    String advertise,
    Duration sessionTimeout,
    Duration connectionTimeout,
    Duration publishEvery,
    Duration staleAfter) {
  public static final String DEFAULT_NAMESPACE = "sluice";
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_PUBLISH_EVERY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(5);

  public HaSettings {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(advertise, "advertise");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(publishEvery, "publishEvery");
    Objects.requireNonNull(staleAfter, "staleAfter");
  }
}

package io.sluice.controller.daemon;

import io.sluice.cloud.ClientSettings;
import io.sluice.controller.disk.Fsync;
import io.sluice.controller.ha.HaSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How one daemon runs, beyond its config file.
 *
 * @param clientSettings where the cloud API is (the real one, or the embedded sandbox's)
 * @param stateDir where the journal and the home targets live
 * @param listen where the operator API, /metrics, /healthz and /readyz are served; port 0 picks a
 *     free one
 * @param tick how often the policies decide
 * @param dryRun decide and print the plans, never write to the cloud
 * @param fsync how the state directory's disk lane forces its files ({@link Fsync#DEVICE}; tests
 *     slow it down or make it fail)
 * @param ha this replica's group on ZooKeeper; empty, the daemon is one process
 */
public record DaemonOptions(
    ClientSettings clientSettings,
    Path stateDir,
    ListenAddress listen,
    Duration tick,
    boolean dryRun,
    LongSupplier nanos,
    Clock wall,
    Fsync fsync,
    Optional<HaSettings> ha) {
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  public DaemonOptions {
    Objects.requireNonNull(clientSettings, "clientSettings");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(nanos, "nanos");
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(ha, "ha");
  }

  public DaemonOptions(
      ClientSettings clientSettings,
      Path stateDir,
      ListenAddress listen,
      Duration tick,
      boolean dryRun,
      LongSupplier nanos,
      Clock wall,
      Fsync fsync) {
    this(clientSettings, stateDir, listen, tick, dryRun, nanos, wall, fsync, Optional.empty());
  }

  public DaemonOptions(
      ClientSettings clientSettings,
      Path stateDir,
      ListenAddress listen,
      Duration tick,
      boolean dryRun,
      LongSupplier nanos,
      Clock wall) {
    this(clientSettings, stateDir, listen, tick, dryRun, nanos, wall, Fsync.DEVICE);
  }

  /** The same options with the state directory's files forced through {@code fsync}. */
  public DaemonOptions withFsync(Fsync fsync) {
    return new DaemonOptions(
        clientSettings, stateDir, listen, tick, dryRun, nanos, wall, fsync, ha);
  }

  /** The same options for a replica of the group {@code ha}. */
  public DaemonOptions withHa(HaSettings ha) {
    return new DaemonOptions(
        clientSettings, stateDir, listen, tick, dryRun, nanos, wall, fsync, Optional.of(ha));
  }
}

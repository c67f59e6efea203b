package io.sluice.controller.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.DeadlineCap;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.disk.DiskLane;
import io.sluice.controller.ha.Group;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;

/** Builds the actuators of one route, in the order the service's config gives. */
@FunctionalInterface
public interface ActuatorFactory {
  List<Actuator> actuators(ServiceConfig service, RouteSettings route);

  /** What the service's routes pre-warm before traffic moves to SCF; none by default. */
  default Optional<PrewarmTarget> prewarm(ServiceConfig service) {
    return Optional.empty();
  }

  /**
   * Makes the factory once the daemon has its cloud clients, guards and meters, and the disk lane
   * its state files are written on.
   */
  @FunctionalInterface
  interface Builder {
    ActuatorFactory build(
        CloudClients clients,
        CloudGuards guards,
        MeterRegistry registry,
        Vertx vertx,
        DaemonOptions options,
        DiskLane lane);

    /**
     * Makes the factory with every cloud call its actuators and pre-warmer make (reads, writes,
     * task polls) also bounded by {@code cap}: a replica passes {@code LeaseCap.of(leadership,
     * nanos)}, so that no call outlives its lease and none is sent while it follows. The guards'
     * limiters and breakers stay shared with the probes, whose calls are not capped.
     */
    default ActuatorFactory build(
        CloudClients clients,
        CloudGuards guards,
        MeterRegistry registry,
        Vertx vertx,
        DaemonOptions options,
        DiskLane lane,
        DeadlineCap cap) {
      return build(clients, guards.bounded(cap), registry, vertx, options, lane);
    }

    /**
     * As {@link #build(CloudClients, CloudGuards, MeterRegistry, Vertx, DaemonOptions, DiskLane,
     * DeadlineCap)}, for a daemon in {@code group}: what its actuators learn that a later leader
     * needs (a CLB rule's home targets) a factory may share through the group. By default it shares
     * nothing.
     */
    default ActuatorFactory build(
        CloudClients clients,
        CloudGuards guards,
        MeterRegistry registry,
        Vertx vertx,
        DaemonOptions options,
        DiskLane lane,
        DeadlineCap cap,
        Group group) {
      return build(clients, guards, registry, vertx, options, lane, cap);
    }
  }
}

package io.sluice.controller.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.DeadlineCap;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.clb.ClbLocks;
import io.sluice.controller.actuate.clb.ClbRuleActuator;
import io.sluice.controller.actuate.clb.FileHomeTargets;
import io.sluice.controller.actuate.clb.HomeTargets;
import io.sluice.controller.actuate.clb.SharedHomeTargets;
import io.sluice.controller.actuate.dns.DnsWeightActuator;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.controller.actuate.scf.SdkPrewarmer;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.disk.DiskLane;
import io.sluice.controller.ha.Group;
import io.sluice.health.signal.SdkScfFunctionState;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real actuators, through the SDK: {@code clb-rule} switches the CVM backend's rule between its
 * home targets and the function, {@code dns-weight} weights the route's DNSPod records. Every
 * {@code clb-rule} of the daemon shares one lock per CLB instance, and the home targets live in the
 * state directory (and, for a replica of a group, in the group's shared document too, so that the
 * replica that fails back need not be the one that failed over). A service whose SCF backend has a
 * prewarm gets an {@link SdkPrewarmer}.
 */
public final class CloudActuators implements ActuatorFactory {
  private final CloudClients clients;
  private final CloudGuards guards;
  private final MeterRegistry registry;
  private final Vertx vertx;
  private final ClbLocks locks = new ClbLocks();
  private final HomeTargets homes;
  private final SdkPrewarmer prewarmer;
  private final Duration taskBudget;

  private CloudActuators(
      CloudClients clients,
      CloudGuards guards,
      MeterRegistry registry,
      Vertx vertx,
      DaemonOptions options,
      DiskLane lane,
      Duration taskBudget,
      Optional<Group> group) {
    this.clients = clients;
    this.guards = guards;
    this.registry = registry;
    this.vertx = vertx;
    FileHomeTargets own = new FileHomeTargets(options.stateDir().resolve("home-targets"), lane);
    this.homes =
        group
            .<HomeTargets>map(g -> new SharedHomeTargets(own, g.doc(SharedHomeTargets.DOC)))
            .orElse(own);
    this.prewarmer =
        new SdkPrewarmer(
            clients, guards, new SdkScfFunctionState(clients, guards), vertx, options.nanos());
    this.taskBudget = taskBudget;
  }

  public static ActuatorFactory.Builder builder() {
    return builder(ClbRuleActuator.DEFAULT_TASK_BUDGET);
  }

  /**
   * @param taskBudget how long a CLB write may wait for its task before its outcome is unknown; a
   *     fault test shortens it to rehearse a task that outlives it
   */
  public static ActuatorFactory.Builder builder(Duration taskBudget) {
    return new Builder() {
      @Override
      public ActuatorFactory build(
          CloudClients clients,
          CloudGuards guards,
          MeterRegistry registry,
          Vertx vertx,
          DaemonOptions options,
          DiskLane lane) {
        return new CloudActuators(
            clients, guards, registry, vertx, options, lane, taskBudget, Optional.empty());
      }

      @Override
      public ActuatorFactory build(
          CloudClients clients,
          CloudGuards guards,
          MeterRegistry registry,
          Vertx vertx,
          DaemonOptions options,
          DiskLane lane,
          DeadlineCap cap,
          Group group) {
        return new CloudActuators(
            clients,
            guards.bounded(cap),
            registry,
            vertx,
            options,
            lane,
            taskBudget,
            options.ha().isPresent() ? Optional.of(group) : Optional.empty());
      }
    };
  }

  @Override
  public Optional<PrewarmTarget> prewarm(ServiceConfig service) {
    return PrewarmTarget.of(service.backends().scf(), prewarmer);
  }

  @Override
  public List<Actuator> actuators(ServiceConfig service, RouteSettings route) {
    List<Actuator> actuators = new ArrayList<>();
    for (ServiceConfig.ActuatorKind kind : service.actuator().steps()) {
      actuators.add(
          switch (kind) {
            case CLB_RULE ->
                new ClbRuleActuator(
                        service.backends().cvm().clb(),
                        service.backends().scf().function(),
                        service.actuator().clbMixedTargets(),
                        clients,
                        guards,
                        locks,
                        homes,
                        registry,
                        vertx,
                        taskBudget)
                    .besideDnsWeightsIf(
                        service.actuator().kind() == ServiceConfig.ActuatorKind.BOTH);
            case DNS_WEIGHT ->
                new DnsWeightActuator(
                    DnsWeightActuator.recordsOf(service, route.route()), clients, guards);
            case BOTH -> throw new IllegalStateException("steps() never yields both");
          });
    }
    return actuators;
  }
}

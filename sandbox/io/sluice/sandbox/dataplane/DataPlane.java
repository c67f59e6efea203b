package io.sluice.sandbox.dataplane;

import io.sluice.sandbox.dataplane.clb.ClbDataPlane;
import io.sluice.sandbox.dataplane.clb.TargetHealth;
import io.sluice.sandbox.dataplane.clb.TargetKey;
import io.sluice.sandbox.dataplane.clb.VantageLoss;
import io.sluice.sandbox.dataplane.clb.VipListenerSpec;
import io.sluice.sandbox.dataplane.cvm.CvmFleet;
import io.sluice.sandbox.dataplane.dns.AuthoritativeDnsServer;
import io.sluice.sandbox.dataplane.dns.DnsAnswerPicker;
import io.sluice.sandbox.dataplane.functions.FunctionInvoker;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;

/**
 * The sandbox's data plane: real CVM web servers, CLB VIPs with health checking, the SCF runtime
 * and the DNSPod authoritative DNS server, all on loopback, all reading the control plane through
 * {@link DataPlanePorts}. Each instance owns only what it started, so many can share one JVM and
 * one {@link Vertx} (which the caller owns and closes).
 *
 * <pre>{@code
 * DataPlane plane = new DataPlane(vertx, ports, DataPlaneSettings.DEFAULTS, Clock.systemUTC());
 * plane.start().await();                       // DNS port, CVM servers, health checks
 * int vipPort = plane.openListener(spec).await();
 * plane.close().await();                       // servers, listeners, python workers
 * }</pre>
 */
public final class DataPlane {

  private final Vertx vertx;
  private final DataPlaneSettings settings;
  private final CvmFleet fleet;
  private final FunctionInvoker invoker;
  private final ClbDataPlane clb;
  private final AuthoritativeDnsServer dns;
  private long reconcileTimer = -1;
  private volatile int dnsPort = -1;

  public DataPlane(Vertx vertx, DataPlanePorts ports, DataPlaneSettings settings, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.fleet = new CvmFleet(vertx, ports.instances());
    this.invoker = new FunctionInvoker(vertx, settings.functions());
    this.clb =
        new ClbDataPlane(
            vertx,
            ports.routing(),
            fleet,
            ports.functions(),
            invoker,
            ports.targetHealth(),
            ports.traffic(),
            clock,
            settings.vip(),
            settings.healthCheck(),
            settings.clbTrigger());
    this.dns =
        new AuthoritativeDnsServer(
            vertx, ports.dnsRecords(), new DnsAnswerPicker(new Random(settings.dnsSeed())));
  }

  /** Binds the DNS server, starts the CVM servers and begins reconciling and health checking. */
  public Future<Void> start() {
    return dns.listen()
        .compose(
            port -> {
              dnsPort = port;
              return fleet.reconcile();
            })
        .onSuccess(
            v -> {
              reconcileTimer =
                  vertx.setPeriodic(
                      settings.fleetReconcileInterval().toMillis(), id -> fleet.reconcile());
              clb.start();
            });
  }

  /** Brings the CVM servers in line with the registry now, e.g. right after a StopInstances. */
  public Future<Void> reconcileInstances() {
    return fleet.reconcile();
  }

  /**
   * Opens a CLB listener's VIP.
   *
   * @return its loopback port
   */
  public Future<Integer> openListener(VipListenerSpec spec) {
    return clb.open(spec);
  }

  public Future<Void> closeListener(ListenerKey listener) {
    return clb.close(listener);
  }

  /** The loopback port of an instance's web server; empty when it never ran. */
  public Optional<Integer> instancePort(String instanceId) {
    return fleet.port(instanceId);
  }

  /** The DNS server's loopback UDP port, once started. */
  public int dnsPort() {
    return dnsPort;
  }

  public TargetHealth targetHealth(TargetKey target) {
    return clb.health(target);
  }

  /** The requests of one vantage point the VIPs lose (see {@link VantageLoss}). */
  public VantageLoss vantageLoss() {
    return clb.vantageLoss();
  }

  /** The SCF runtime, for emulating the {@code Invoke} API on the same warm workers. */
  public FunctionInvoker functions() {
    return invoker;
  }

  /** Stops everything this data plane started, python workers included, even if a part fails. */
  public Future<Void> close() {
    vertx.cancelTimer(reconcileTimer);
    return Future.join(clb.close(), dns.close())
        .transform(v -> fleet.close())
        .transform(v -> invoker.close());
  }
}

package io.sluice.sandbox;

import io.sluice.sandbox.admin.AdminApi;
import io.sluice.sandbox.api.ApiServer;
import io.sluice.sandbox.api.ControlPlaneFaults;
import io.sluice.sandbox.api.Credentials;
import io.sluice.sandbox.api.MutationLog;
import io.sluice.sandbox.audit.RoutingHistory;
import io.sluice.sandbox.audit.RoutingSnapshot;
import io.sluice.sandbox.clb.ClbService;
import io.sluice.sandbox.clb.ClbSettings;
import io.sluice.sandbox.clb.ClbState;
import io.sluice.sandbox.clb.HealthStatusDetail;
import io.sluice.sandbox.clb.ResourceIds;
import io.sluice.sandbox.clb.TargetHealthBoard;
import io.sluice.sandbox.clb.TargetHealthKey;
import io.sluice.sandbox.clb.TaskEngine;
import io.sluice.sandbox.cvm.CvmInstance;
import io.sluice.sandbox.cvm.CvmInstances;
import io.sluice.sandbox.cvm.CvmService;
import io.sluice.sandbox.dataplane.DataPlane;
import io.sluice.sandbox.dataplane.DataPlanePorts;
import io.sluice.sandbox.dataplane.DataPlaneSettings;
import io.sluice.sandbox.dataplane.clb.VantageLoss;
import io.sluice.sandbox.dataplane.clb.VipListenerSpec;
import io.sluice.sandbox.dataplane.functions.PythonInterpreter;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dnspod.DnspodAccount;
import io.sluice.sandbox.dnspod.DnspodService;
import io.sluice.sandbox.monitor.MonitorService;
import io.sluice.sandbox.monitor.TrafficStats;
import io.sluice.sandbox.scenario.SandboxScenario;
import io.sluice.sandbox.scenario.ScenarioSettings;
import io.sluice.sandbox.scf.ProvisionedConcurrency;
import io.sluice.sandbox.scf.ScfService;
import io.sluice.sandbox.scf.ScfState;
import io.sluice.sandbox.wiring.ClbRoutes;
import io.sluice.sandbox.wiring.DnspodRecords;
import io.sluice.sandbox.wiring.FunctionCatalog;
import io.sluice.sandbox.wiring.InstanceControl;
import io.sluice.sandbox.wiring.ScfInvokerBridge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A running local Tencent Cloud: the control-plane API (CLB, DNSPod, SCF, CVM, Monitor) that the
 * official SDK talks to, and the data plane (a VIP per CLB listener, a server per CVM instance, the
 * function runtime, an authoritative DNS server) that serves real traffic on loopback. Built from a
 * {@link SandboxScenario}; everything it starts, {@link #close} stops, so many can run in one JVM.
 */
public final class Sandbox implements AutoCloseable {
  private static final long TASK_POLL_MILLIS = 50;

  private final StartedResources started;
  private final Clock clock = Clock.systemUTC();
  private final LongSupplier nanos;
  private final SandboxScenario scenario;
  private final Credentials credentials = new Credentials();
  private final ControlPlaneFaults faults = new ControlPlaneFaults();
  private final MutationLog mutations = new MutationLog();
  private final RoutingHistory routing;
  private final CvmInstances cvm = new CvmInstances();
  private final DnspodAccount dns = new DnspodAccount();
  private final ScfState scf = new ScfState(clock);
  private final ClbState clb;
  private final TaskEngine tasks;
  private final TargetHealthBoard targetHealth = new TargetHealthBoard();
  private final TrafficStats traffic = new TrafficStats();
  private final FunctionCatalog functions;
  private final InstanceControl instances;
  private final DataPlane dataPlane;
  private final Map<String, Integer> vipPorts = new LinkedHashMap<>();
  private final int apiPort;
  private final int adminPort;

  private Sandbox(
      Vertx vertx,
      StartedResources started,
      SandboxScenario scenario,
      Path baseDir,
      LongSupplier nanos) {
    this.started = started;
    this.nanos = nanos;
    this.scenario = scenario;
    ScenarioSettings settings = new ScenarioSettings(scenario);
    requirePython(scenario, settings);
    SplittableRandom random = new SplittableRandom(1);
    clb = new ClbState(new ResourceIds(random.split()), clock);
    tasks = new TaskEngine(nanos, random.split(), settings.tasks());
    functions = new FunctionCatalog(scf, scenario.region());
    WorldSeeder seeder = new WorldSeeder(scenario, baseDir, clock);
    seeder.seedCredentials(credentials);
    instances = new InstanceControl(cvm, seeder.seedInstances(cvm));
    seeder.seedFunctions(scf, functions);
    seeder.seedLoadBalancers(clb, settings.mixedRuleTargets(), cvm, scf);
    seeder.seedZones(dns);
    routing = new RoutingHistory(clock, () -> RoutingSnapshot.of(clb, dns));
    routing.sample();
    clb.addChangeListener(changed -> routing.sample());
    dns.addChangeListener(routing::sample);

    // Building the data plane already takes resources (the function runtime's executor and its
    // extracted bootstrap), so it is stopped on failure even if it never started.
    dataPlane =
        started.start(
            "data plane", () -> newDataPlane(vertx, settings.dataPlane()), DataPlane::close);
    join(dataPlane.start());
    for (SandboxScenario.LoadBalancerSpec lb : scenario.loadBalancers()) {
      for (SandboxScenario.ListenerSpec l : lb.listeners()) {
        ListenerKey key = new ListenerKey(lb.id(), l.id());
        int port =
            started.start(
                "VIP of " + key,
                () -> join(dataPlane.openListener(new VipListenerSpec(key, "127.0.0.1", l.port()))),
                open -> dataPlane.closeListener(key));
        vipPorts.put(lb.id() + "/" + l.id(), port);
      }
    }
    started.start(
        "CLB task poller",
        () -> vertx.setPeriodic(TASK_POLL_MILLIS, id -> tasks.poll()),
        timer -> Future.succeededFuture(vertx.cancelTimer(timer)));
    ApiServer api =
        started.start(
            "API server",
            () -> newApiServer(vertx, settings),
            server -> {
              server.close();
              return Future.succeededFuture();
            });
    apiPort = api.start();
    AdminApi admin =
        started.start(
            "admin API",
            () ->
                new AdminApi(
                    vertx,
                    instances,
                    functions,
                    faults,
                    mutations,
                    tasks,
                    dataPlane::reconcileInstances,
                    new AdminApi.Audit(credentials, routing, dataPlane.vantageLoss())),
            AdminApi::close);
    adminPort = join(admin.listen());
  }

  /** Fails at once, before anything listens, when the scenario's Python functions cannot run. */
  private static void requirePython(SandboxScenario scenario, ScenarioSettings settings) {
    List<String> python =
        scenario.functions().stream()
            .filter(f -> f.code() != null && f.code().python().isPresent())
            .map(SandboxScenario.FunctionSpec::name)
            .toList();
    if (!python.isEmpty()) {
      PythonInterpreter.require(settings.dataPlane().functions().pythonCommand(), python);
    }
  }

  private DataPlane newDataPlane(Vertx vertx, DataPlaneSettings settings) {
    return new DataPlane(
        vertx,
        new DataPlanePorts(
            new ClbRoutes(clb, cvm),
            instances,
            functions,
            (key, health) ->
                targetHealth.set(
                    new TargetHealthKey(
                        key.loadBalancerId(),
                        key.listenerId(),
                        key.locationId(),
                        key.instanceId(),
                        key.port()),
                    HealthStatusDetail.valueOf(health.name())),
            traffic,
            new DnspodRecords(dns)),
        settings,
        clock);
  }

  private ApiServer newApiServer(Vertx vertx, ScenarioSettings settings) {
    return new ApiServer(
        vertx,
        clock,
        nanos,
        credentials,
        faults,
        mutations,
        List.of(
            ClbService.definition(
                clb,
                tasks,
                scf,
                targetHealth,
                id -> cvm.find(id).map(CvmInstance::privateIp),
                new ClbSettings(settings.mixedRuleTargets())),
            new DnspodService(dns).definition(),
            ScfService.definition(
                scf,
                new ScfInvokerBridge(functions, dataPlane.functions()),
                new ProvisionedConcurrency(nanos, settings.scf())),
            new CvmService(cvm).definition(),
            MonitorService.definition(traffic, settings.monitor(), clock)),
        settings.actionTimeout());
  }

  /**
   * Starts a sandbox; blocks until every server listens. Call it from a plain thread, not an event
   * loop. If any step fails, what the earlier ones started is stopped before the failure is thrown.
   *
   * @param baseDir where relative paths in the scenario (function code folders) are resolved
   */
  public static Sandbox start(SandboxScenario scenario, Path baseDir) {
    return start(scenario, baseDir, System::nanoTime);
  }

  /**
   * As {@link #start(SandboxScenario, Path)}, on a monotonic clock of the caller's: the clock the
   * CLB tasks, the API's rate limits and SCF's provisioning run on. A test that holds it still
   * holds a task running, or keeps every call in one rate-limit window, for as long as it needs,
   * however slowly the machine runs.
   *
   * @param nanos monotonic time in nanoseconds, compared only by subtraction
   */
  public static Sandbox start(SandboxScenario scenario, Path baseDir, LongSupplier nanos) {
    return start(scenario, baseDir, nanos, new StartedResources());
  }

  /** As {@link #start(SandboxScenario, Path)}, keeping what it starts in {@code started}. */
  static Sandbox start(SandboxScenario scenario, Path baseDir, StartedResources started) {
    return start(scenario, baseDir, System::nanoTime, started);
  }

  private static Sandbox start(
      SandboxScenario scenario, Path baseDir, LongSupplier nanos, StartedResources started) {
    try {
      Vertx vertx = started.start("Vert.x", Vertx::vertx, Vertx::close);
      return new Sandbox(vertx, started, scenario, baseDir, nanos);
    } catch (RuntimeException e) {
      started.stopAfter(e);
      throw e;
    }
  }

  /** The API endpoint for {@code HttpProfile.setEndpoint}: {@code 127.0.0.1:PORT}. */
  public String apiEndpoint() {
    return "127.0.0.1:" + apiPort;
  }

  public int apiPort() {
    return apiPort;
  }

  /** The admin API's loopback port (faults, the mutation log); see {@link AdminApi}. */
  public int adminPort() {
    return adminPort;
  }

  /** The loopback port of each listener's VIP, keyed {@code lb-id/lbl-id}. */
  public Map<String, Integer> vipPorts() {
    return java.util.Collections.unmodifiableMap(vipPorts);
  }

  public int vipPort(String loadBalancerId, String listenerId) {
    Integer port = vipPorts.get(loadBalancerId + "/" + listenerId);
    if (port == null) {
      throw new IllegalArgumentException(
          "no listener " + loadBalancerId + "/" + listenerId + "; known: " + vipPorts.keySet());
    }
    return port;
  }

  public int dnsPort() {
    return dataPlane.dnsPort();
  }

  /**
   * The loopback port of an instance's own server (what a load balancer other than the sandbox's
   * CLB, HAProxy in the comparison benchmark, forwards to); kept after the instance stops, so that
   * traffic aimed at it is refused.
   *
   * @throws IllegalArgumentException when the instance has never run
   */
  public int instancePort(String instanceId) {
    return dataPlane
        .instancePort(instanceId)
        .orElseThrow(
            () -> new IllegalArgumentException("instance " + instanceId + " has never run"));
  }

  public String region() {
    return scenario.region();
  }

  public SandboxScenario scenario() {
    return scenario;
  }

  /** Control-plane faults and the clock skew. */
  public ControlPlaneFaults faults() {
    return faults;
  }

  public MutationLog mutations() {
    return mutations;
  }

  /** Every change of where a CLB rule or a DNS name routes, from the seeded world on. */
  public RoutingHistory routing() {
    return routing;
  }

  /** The API keys: add, revoke and restore them while the sandbox runs. */
  public Credentials credentials() {
    return credentials;
  }

  /** The data plane's loss of one vantage point's requests. */
  public VantageLoss vantageLoss() {
    return dataPlane.vantageLoss();
  }

  /**
   * Terminates a CVM instance: the CVM API forgets it and CLB unbinds its targets, as when an Auto
   * Scaling group scales in or a person destroys the instance.
   */
  public void terminateInstance(String instanceId) {
    cvm.terminate(instanceId);
    clb.forgetInstance(instanceId);
  }

  /** Stop, start, hang, break or slow a CVM instance. */
  public InstanceControl instances() {
    return instances;
  }

  /** Make a function fail, time out or return malformed output. */
  public FunctionCatalog functions() {
    return functions;
  }

  /** What Cloud Monitor counts of the data plane's traffic; {@link TrafficStats#mute} hides it. */
  public TrafficStats traffic() {
    return traffic;
  }

  public ClbState clb() {
    return clb;
  }

  public TaskEngine tasks() {
    return tasks;
  }

  public DnspodAccount dns() {
    return dns;
  }

  public TargetHealthBoard targetHealth() {
    return targetHealth;
  }

  /** Brings the instance servers in line with the instances' states at once. */
  public void reconcileInstances() {
    join(dataPlane.reconcileInstances());
  }

  /** Stops everything the sandbox started, in reverse order; see {@link StartedResources}. */
  @Override
  public void close() {
    started.stopAll();
  }

  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}

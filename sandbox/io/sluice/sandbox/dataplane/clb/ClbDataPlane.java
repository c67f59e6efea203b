package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.TrafficRecorder;
import io.sluice.sandbox.dataplane.cvm.CvmFleet;
import io.sluice.sandbox.dataplane.functions.FunctionInvoker;
import io.sluice.sandbox.dataplane.functions.FunctionRegistry;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RoutingTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated CLB's traffic side: the open VIP listeners, the client they forward with and the
 * health checker that feeds their target selection. Listeners open and close on demand as the
 * control plane creates and deletes them.
 */
public final class ClbDataPlane {
  private static final Logger LOG = LoggerFactory.getLogger(ClbDataPlane.class);

  private final Vertx vertx;
  private final RoutingTable routing;
  private final TrafficRecorder recorder;
  private final Clock clock;
  private final HttpClient client;
  private final TargetHealthLedger health;
  private final CvmForwarder cvms;
  private final FunctionForwarder functions;
  private final ClbHealthChecker checker;
  private final Map<ListenerKey, VipListener> listeners = new ConcurrentHashMap<>();
  private final VantageLoss vantageLoss = new VantageLoss();

  public ClbDataPlane(
      Vertx vertx,
      RoutingTable routing,
      CvmFleet fleet,
      FunctionRegistry functionRegistry,
      FunctionInvoker invoker,
      TargetHealthSink healthSink,
      TrafficRecorder recorder,
      Clock clock,
      VipSettings vipSettings,
      HealthCheckSettings healthSettings,
      ClbTriggerSettings triggerSettings) {
    this.vertx = vertx;
    this.routing = routing;
    this.recorder = recorder;
    this.clock = clock;
    int perTarget = ConnectionBudget.perTarget(fleet.instances(), ConnectionBudget.maxFiles());
    if (perTarget < ConnectionBudget.MOST_PER_TARGET) {
      LOG.info(
          "the VIPs keep at most {} connections to each of {} instances (open-files limit {})",
          perTarget,
          fleet.instances(),
          ConnectionBudget.maxFiles());
    }
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(perTarget));
    this.health = new TargetHealthLedger(healthSink);
    this.cvms = new CvmForwarder(client, fleet, health, vipSettings);
    this.functions = new FunctionForwarder(functionRegistry, invoker, triggerSettings, clock);
    this.checker =
        new ClbHealthChecker(
            vertx, healthSettings, routing, fleet, health, () -> List.copyOf(listeners.keySet()));
  }

  /** Starts health checking. */
  public void start() {
    checker.start();
  }

  /**
   * Opens a listener on a free loopback port.
   *
   * @return that port
   */
  public Future<Integer> open(VipListenerSpec spec) {
    VipListener listener =
        new VipListener(vertx, spec, routing, cvms, functions, recorder, clock, vantageLoss);
    if (listeners.putIfAbsent(spec.listener(), listener) != null) {
      return Future.failedFuture(
          new IllegalStateException("listener already open: " + spec.listener()));
    }
    return listener.listen().onFailure(e -> listeners.remove(spec.listener()));
  }

  public Future<Void> close(ListenerKey key) {
    VipListener listener = listeners.remove(key);
    return listener == null ? Future.succeededFuture() : listener.close();
  }

  /** The share of each vantage point's requests the VIPs lose. */
  public VantageLoss vantageLoss() {
    return vantageLoss;
  }

  /** The health checker's current verdict, as target selection sees it. */
  public TargetHealth health(TargetKey target) {
    return health.health(target);
  }

  public Future<Void> close() {
    List<Future<?>> closes = new ArrayList<>();
    closes.add(checker.close());
    listeners.values().forEach(listener -> closes.add(listener.close()));
    listeners.clear();
    return Future.join(closes).compose(v -> client.close());
  }
}

package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.cvm.CvmFleet;
import io.sluice.sandbox.dataplane.routing.CvmTarget;
import io.sluice.sandbox.dataplane.routing.L7Rule;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RoutingTable;
import io.sluice.sandbox.dataplane.routing.RuleBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The CLB's health checker: probes every real server bound to a rule of an open listener over real
 * HTTP, applies the thresholds and publishes Alive/Dead to the {@link TargetHealthLedger} (Unknown
 * as soon as a target is first seen). Target selection then reads the ledger, so a stopped machine
 * stops getting traffic only after the checker noticed, as on the real CLB.
 */
public final class ClbHealthChecker {

  private final Vertx vertx;
  private final HealthCheckSettings settings;
  private final RoutingTable routing;
  private final CvmFleet fleet;
  private final TargetHealthLedger ledger;
  private final Supplier<Collection<ListenerKey>> listeners;
  private final HttpClient client;
  private final Map<TargetKey, TargetHealthTracker> trackers = new ConcurrentHashMap<>();
  private final Set<TargetKey> inFlight = ConcurrentHashMap.newKeySet();
  private long timerId = -1;

  public ClbHealthChecker(
      Vertx vertx,
      HealthCheckSettings settings,
      RoutingTable routing,
      CvmFleet fleet,
      TargetHealthLedger ledger,
      Supplier<Collection<ListenerKey>> listeners) {
    this.vertx = vertx;
    this.settings = settings;
    this.routing = routing;
    this.fleet = fleet;
    this.ledger = ledger;
    this.listeners = listeners;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(false)
                .setConnectTimeout((int) settings.timeout().toMillis()));
  }

  public void start() {
    checkAll();
    timerId = vertx.setPeriodic(settings.interval().toMillis(), id -> checkAll());
  }

  public Future<Void> close() {
    vertx.cancelTimer(timerId);
    return client.close();
  }

  private void checkAll() {
    Set<TargetKey> bound = new HashSet<>();
    for (ListenerKey listener : listeners.get()) {
      for (L7Rule rule : routing.rules(listener)) {
        if (rule.backends() instanceof RuleBackends.Cvms cvms) {
          for (CvmTarget target : cvms.targets()) {
            TargetKey key =
                new TargetKey(
                    listener.loadBalancerId(),
                    listener.listenerId(),
                    rule.locationId(),
                    target.instanceId(),
                    target.port());
            bound.add(key);
            check(key);
          }
        }
      }
    }
    trackers.keySet().removeIf(key -> !bound.contains(key));
    Set.copyOf(ledger.known()).stream().filter(key -> !bound.contains(key)).forEach(ledger::forget);
  }

  private void check(TargetKey key) {
    TargetHealthTracker tracker =
        trackers.computeIfAbsent(
            key,
            k -> {
              ledger.report(k, TargetHealth.UNKNOWN);
              return new TargetHealthTracker(
                  settings.healthyThreshold(), settings.unhealthyThreshold());
            });
    if (!inFlight.add(key)) {
      return;
    }
    probe(key.instanceId())
        .otherwise(false)
        .onComplete(
            result -> {
              inFlight.remove(key);
              if (trackers.get(key) == tracker) {
                ledger.report(key, tracker.record(result.result()));
              }
            });
  }

  private Future<Boolean> probe(String instanceId) {
    return fleet
        .port(instanceId)
        .map(
            port ->
                client
                    .request(
                        new RequestOptions()
                            .setMethod(HttpMethod.GET)
                            .setHost("127.0.0.1")
                            .setPort(port)
                            .setURI(settings.path())
                            // also bounds the wait for a pooled connection: a probe that never
                            // ends would keep its target in flight and freeze its verdict
                            .setConnectTimeout(settings.timeout().toMillis())
                            .setIdleTimeout(settings.timeout().toMillis()))
                    .compose(request -> request.send())
                    .compose(this::isHealthy))
        .orElse(Future.succeededFuture(false));
  }

  private Future<Boolean> isHealthy(HttpClientResponse response) {
    int status = response.statusCode();
    return response.body().map(body -> status >= 200 && status < 400);
  }
}

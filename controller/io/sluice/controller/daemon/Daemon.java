package io.sluice.controller.daemon;

import com.tencentcloudapi.common.Credential;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.GuardSettings;
import io.sluice.controller.api.ApiState;
import io.sluice.controller.api.AuditLog;
import io.sluice.controller.api.DecisionHistory;
import io.sluice.controller.api.OperatorApi;
import io.sluice.controller.api.OperatorDesk;
import io.sluice.controller.api.OverrideStore;
import io.sluice.controller.api.Readiness;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.disk.StateDirectory;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.Role;
import io.sluice.controller.health.HealthWatchlist;
import io.sluice.controller.health.VerdictPublisher;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalLane;
import io.sluice.controller.notify.Notifications;
import io.sluice.controller.notify.Notifier;
import io.sluice.controller.reconcile.Acting;
import io.sluice.controller.reconcile.LeaseCap;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.meters.HealthMeters;
import io.sluice.health.monitor.CloudReaders;
import io.sluice.health.monitor.HealthMonitor;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Backend;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running controller: probes and signals feed the health monitor, every tick each route's
 * reconciler decides and moves traffic (with the operator's overrides), and the operator API with
 * {@code /metrics}, {@code /healthz} and {@code /readyz} is served. Everything that touches the
 * health board or a reconciler runs on one Vert.x context, the deciding context, on an event loop
 * that no probe lane uses.
 *
 * <pre>{@code
 * try (Daemon daemon = Daemon.start(config, credential, options, actuators)) { ... }
 * }</pre>
 */
public final class Daemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

  private final SluiceConfig config;
  private final Vertx vertx;
  private final Context context;
  private final PrometheusMeterRegistry registry;
  private final CloudGuards guards;
  private final HealthMonitor monitor;
  private final IntentJournal journal;
  private final Map<String, List<RouteReconciler>> reconcilers;
  private final TickLoop ticks;
  private final HttpServer http;
  private Notifications notifications = Notifications.NONE;
  private final OperatorDesk desk;
  private final StateDirectory state;
  private final Group group;

  private Daemon(
      SluiceConfig config,
      Vertx vertx,
      Context context,
      PrometheusMeterRegistry registry,
      CloudGuards guards,
      HealthMonitor monitor,
      IntentJournal journal,
      Map<String, List<RouteReconciler>> reconcilers,
      TickLoop ticks,
      HttpServer http,
      OperatorDesk desk,
      StateDirectory state,
      Group group) {
    this.config = config;
    this.vertx = vertx;
    this.context = context;
    this.registry = registry;
    this.guards = guards;
    this.monitor = monitor;
    this.journal = journal;
    this.reconcilers = reconcilers;
    this.ticks = ticks;
    this.http = http;
    this.desk = desk;
    this.state = state;
    this.group = group;
  }

  /**
   * Starts everything: probes, signals, the tick loop and the HTTP endpoints.
   *
   * @param actuators builds each route's actuators; given the daemon's cloud clients and guards
   * @throws IOException when the state directory or the journal cannot be opened
   */
  public static Daemon start(
      SluiceConfig config,
      Credential credential,
      DaemonOptions options,
      ActuatorFactory.Builder actuators)
      throws IOException {
    // first: a second daemon on this directory must not even start its event loops
    StateDirectory state = StateDirectory.open(options.stateDir(), options.fsync(), options.wall());
    Vertx vertx = Vertx.vertx(vertxOptions());
    // what a failed start must release besides the event loops, in reverse order
    List<AutoCloseable> opened = new ArrayList<>(List.of(state));
    try {
      PrometheusMeterRegistry registry = meterRegistry();
      CloudClients clients = new CloudClients(credential, options.clientSettings());
      CloudGuards guards = new CloudGuards(vertx, GuardSettings.defaults(), registry);
      opened.add(guards);
      Context context = vertx.getOrCreateContext();
      Group group = Groups.open(config, options, context, registry);
      opened.add(group);
      await(group.start());
      HealthMonitor monitor =
          healthMonitor(config, options, context, clients, guards, registry, group);
      IntentJournal journal = openJournal(options, registry, state);
      opened.add(journal);
      OperatorDesk desk = openDesk(config, options, registry, opened, state, group);
      Map<String, List<RouteReconciler>> reconcilers =
          reconcilers(
              config,
              options,
              actuators.build(
                  clients,
                  guards,
                  registry,
                  vertx,
                  options,
                  state.lane(),
                  LeaseCap.of(group.leadership(), options.nanos()),
                  group),
              journal,
              registry,
              desk,
              group);
      TickLoop ticks =
          new TickLoop(
              context,
              monitor,
              reconcilers,
              registry,
              options,
              LoadSignal.of(config, options.wall()),
              desk);
      Notifications notifications = notifications(config, context, registry, ticks, desk);
      // Listen first: a taken port must fail the start before any probe runs or any cloud write
      // can be decided.
      HttpServer http =
          serveApi(
              config, options, vertx, context, registry, monitor, reconcilers, ticks, desk, group);
      monitor.start();
      ticks.start();
      group
          .leadership()
          .onRoleChange(
              role -> {
                if (role == Role.LEADING) {
                  ticks.decideAllNow(); // a takeover starts at once, not at the next tick
                }
              });
      LOG.info(
          "sluice is running: {} services, API at http://{}:{}/v1/services, metrics at"
              + " http://{}:{}/metrics",
          reconcilers.size(),
          options.listen().host(),
          http.actualPort(),
          options.listen().host(),
          http.actualPort());
      return new Daemon(
              config,
              vertx,
              context,
              registry,
              guards,
              monitor,
              journal,
              reconcilers,
              ticks,
              http,
              desk,
              state,
              group)
          .withNotifications(notifications);
    } catch (IOException | RuntimeException e) {
      releaseAfterAFailedStart(e, opened, vertx);
      throw e;
    }
  }

  /** The Prometheus registry, with the JVM's own meters bound. */
  private static PrometheusMeterRegistry meterRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bindJvm(registry);
    return registry;
  }

  /**
   * The health monitor for the config's services, probing from this replica's vantage point; in a
   * group, the other replicas' verdicts are its other vantage points, published and heard through
   * the group's verdict exchange.
   */
  private static HealthMonitor healthMonitor(
      SluiceConfig config,
      DaemonOptions options,
      Context context,
      CloudClients clients,
      CloudGuards guards,
      PrometheusMeterRegistry registry,
      Group group) {
    CloudReaders readers = CloudReaders.sdk(clients, guards, options.wall());
    HealthMeters meters = new HealthMeters(registry);
    if (options.ha().isEmpty()) {
      List<String> vantages = config.controller().vantagePoints();
      if (vantages.size() > 1) {
        LOG.warn(
            "controller.vantagePoints names {}; without controller.ha this daemon probes from '{}'"
                + " only, so each verdict rests on one vantage point (docs/ha.md runs one replica"
                + " per vantage point)",
            vantages,
            HealthWatchlist.localVantage(config));
      }
      return new HealthMonitor(
          HealthWatchlist.from(config),
          context,
          options.nanos(),
          options.wall(),
          HealthWatchlist.localVantage(config),
          readers,
          meters);
    }
    HealthMonitor monitor =
        new HealthMonitor(
            HealthWatchlist.from(config),
            context,
            options.nanos(),
            options.wall(),
            HealthWatchlist.vantagePoints(config, group.replica(), options.ha().get().staleAfter()),
            readers,
            meters);
    // a restarted replica's reports must sort after its last run's: start from the wall clock
    long seqStart = options.wall().millis();
    context.runOnContext(
        v -> new VerdictPublisher(group.verdicts(), group.replica(), monitor, seqStart).start());
    return monitor;
  }

  /** The intent journal in the state directory, appending on its disk lane, its appends counted. */
  private static IntentJournal openJournal(
      DaemonOptions options, PrometheusMeterRegistry registry, StateDirectory state)
      throws IOException {
    IntentJournal journal =
        IntentJournal.open(options.stateDir(), options.wall(), JournalLane.on(state.lane()));
    FunctionCounter.builder(MeterNames.JOURNAL_WRITES, journal, IntentJournal::writes)
        .description("intent journal appends, each forced to disk")
        .register(registry);
    return journal;
  }

  /**
   * The operator's side: overrides, decision history and the audit log (added to {@code opened} as
   * soon as it is open).
   */
  private static OperatorDesk openDesk(
      SluiceConfig config,
      DaemonOptions options,
      PrometheusMeterRegistry registry,
      List<AutoCloseable> opened,
      StateDirectory state,
      Group group)
      throws IOException {
    OverrideStore overrides =
        OverrideStore.open(
            options.stateDir(), options.nanos(), options.wall(), state.lane(), group);
    AuditLog audit = AuditLog.open(options.stateDir(), options.wall(), state.lane());
    opened.add(audit);
    OperatorDesk desk =
        new OperatorDesk(
            config, overrides, new DecisionHistory(DecisionHistory.DEFAULT_CAPACITY), audit, group);
    desk.bind(registry);
    return desk;
  }

  /**
   * A reconciler for every route of every service, by service, reporting changes to the desk; each
   * acts only while this replica leads (always, solo), its cloud calls bounded by the lease.
   */
  private static Map<String, List<RouteReconciler>> reconcilers(
      SluiceConfig config,
      DaemonOptions options,
      ActuatorFactory factory,
      IntentJournal journal,
      PrometheusMeterRegistry registry,
      OperatorDesk desk,
      Group group) {
    Map<String, List<RouteReconciler>> reconcilers = new LinkedHashMap<>();
    for (ServiceConfig service : config.services()) {
      List<RouteReconciler> routes = new ArrayList<>();
      for (RouteSettings route : service.routes(config.controller().observeOnly())) {
        routes.add(
            new RouteReconciler(
                service.name(),
                route,
                factory.actuators(service, route),
                journal,
                registry,
                options.dryRun(),
                options.nanos(),
                factory.prewarm(service),
                Acting.of(group)));
      }
      routes.forEach(route -> route.auditTo(desk::changed));
      reconcilers.put(service.name(), routes);
    }
    return reconcilers;
  }

  /** The configured notification sinks, told of route events and of what operators do. */
  private static Notifications notifications(
      SluiceConfig config,
      Context context,
      PrometheusMeterRegistry registry,
      TickLoop ticks,
      OperatorDesk desk) {
    Notifications notifications = Notifier.of(config.notifications(), context, registry);
    ticks.watch(new RouteEvents(notifications)::follow);
    desk.notifyTo(notifications);
    return notifications;
  }

  /** Listens for the operator API, {@code /metrics}, {@code /healthz} and {@code /readyz}. */
  private static HttpServer serveApi(
      SluiceConfig config,
      DaemonOptions options,
      Vertx vertx,
      Context context,
      PrometheusMeterRegistry registry,
      HealthMonitor monitor,
      Map<String, List<RouteReconciler>> reconcilers,
      TickLoop ticks,
      OperatorDesk desk,
      Group group) {
    ApiState api =
        new ApiState(
            config,
            reconcilers,
            monitor::backendHealth,
            desk,
            () ->
                new Readiness(
                    ticks.ready(),
                    silentBackends(config, monitor),
                    ticks.escalations(),
                    Readiness.Member.of(group, group.connected())),
            registry::scrape,
            options.wall());
    return await(
        OperatorApi.listen(vertx, context, api, options.listen().host(), options.listen().port()));
  }

  /** Releases what a failed start opened, in reverse order, then the event loops. */
  private static void releaseAfterAFailedStart(
      Exception failure, List<AutoCloseable> opened, Vertx vertx) {
    for (AutoCloseable resource : opened.reversed()) {
      try {
        resource.close();
      } catch (Exception closing) {
        failure.addSuppressed(closing);
      }
    }
    try {
      await(vertx.close());
    } catch (RuntimeException closing) {
      failure.addSuppressed(closing);
    }
  }

  private Daemon withNotifications(Notifications notifications) {
    this.notifications = notifications;
    return this;
  }

  /** Where to report what operators do (overrides), besides what the routes report themselves. */
  public Notifications notifications() {
    return notifications;
  }

  /** "service/backend" for each backend that no probe or cloud signal has reported on yet. */
  private static List<String> silentBackends(SluiceConfig config, HealthMonitor monitor) {
    List<String> silent = new ArrayList<>();
    for (ServiceConfig service : config.services()) {
      for (Backend backend : Backend.values()) {
        boolean heard =
            monitor.backendHealth(service.name(), backend).evidence().stream()
                .anyMatch(e -> !e.recent().isEmpty());
        if (!heard) {
          silent.add(service.name() + "/" + backend.id());
        }
      }
    }
    return silent;
  }

  /** The overrides, the decision history and the audit log. */
  public OperatorDesk desk() {
    return desk;
  }

  /** The port the API and /metrics are served on. */
  public int httpPort() {
    return http.actualPort();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public HealthMonitor monitor() {
    return monitor;
  }

  public Context context() {
    return context;
  }

  /** Every route's reconciler, by service. Read them on {@link #context()}. */
  public Map<String, List<RouteReconciler>> reconcilers() {
    return reconcilers;
  }

  public SluiceConfig config() {
    return config;
  }

  /**
   * Stops in order, each step bounded: no new ticks; the change in flight finishes or is abandoned
   * at the deadline (the journal then shows it unfinished, and the next start reads the cloud); the
   * journal is closed; probes, clients and the event loops stop.
   */
  @Override
  public void close() {
    try {
      await(ticks.stop(SHUTDOWN_DEADLINE));
    } catch (RuntimeException e) {
      LOG.warn("stopping the tick loop: {}", e.getMessage());
    }
    try {
      await(closeJournal());
    } catch (RuntimeException e) {
      LOG.warn("closing the journal: {}", e.getMessage());
    }
    try {
      desk.audit().close();
    } catch (IOException e) {
      LOG.warn("closing the audit log: {}", e.getMessage());
    }
    try {
      await(Future.join(monitor.close(), http.close()));
    } catch (RuntimeException e) {
      LOG.warn("stopping probes and the HTTP server: {}", e.getMessage());
    }
    group.close(); // leaves the group: another replica takes over without waiting for a timeout
    try {
      state.close(); // the disk lane finishes its writes, then the lock goes
    } catch (IOException e) {
      LOG.warn("releasing the state directory: {}", e.getMessage());
    }
    guards.close();
    await(vertx.close());
    registry.close();
    LOG.info("sluice stopped");
  }

  /**
   * Closes the journal on its disk lane, after every append submitted before: a change abandoned at
   * the shutdown deadline may still be writing its outcome.
   */
  private Future<Void> closeJournal() {
    return journal.closeAfterAppends();
  }

  /**
   * Enough event loops for the deciding context (the daemon's context: the health board, the
   * reconcilers, the tick loop, the API) to have one that no probe lane uses: the lanes take one
   * loop each of the others (ProbeScheduler), so a burst of probes never holds up a decision and a
   * busy decider never makes probes late.
   */
  static VertxOptions vertxOptions() {
    return new VertxOptions()
        .setEventLoopPoolSize(
            Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, HealthMonitor.probeLanes() + 1));
  }

  private static void bindJvm(PrometheusMeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(SHUTDOWN_DEADLINE.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + SHUTDOWN_DEADLINE.multipliedBy(2), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

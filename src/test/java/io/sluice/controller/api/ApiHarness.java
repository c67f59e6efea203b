package io.sluice.controller.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.disk.ScriptedDisk;
import io.sluice.controller.disk.StateDirectory;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.SoloGroup;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.reconcile.Acting;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.health.BackendHealth;
import io.sluice.policies.Backend;
import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.sluice.testing.MutableClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The operator API over real reconcilers on routes held in memory, with a fake monotonic clock
 * (starting near overflow, as the policy tests do) and a fake wall clock; {@link #tick} does what
 * the daemon's tick loop does.
 */
final class ApiHarness implements AutoCloseable {
  static final Path CONFIG = Path.of("src/test/resources/api/sluice.yaml");
  static final String VIEWER = "viewer-token-0001";
  static final String SHOP_OPERATOR = "operator-token-0001";
  static final String ADMIN = "admin-token-0001";
  static final String ADMIN_NEXT = "admin-token-0002";
  static final TrafficSplit ON_CVM = new TrafficSplit(100, 0);

  final SluiceConfig config;
  final Path stateDir;
  final MutableClock wall;
  final AtomicLong nanos;
  final Map<String, Map<Backend, Verdict>> verdicts = new ConcurrentHashMap<>();

  /** Each backend's evidence by service (none unless a test sets it), such as other vantages'. */
  final Map<String, Map<Backend, List<io.sluice.health.Evidence>>> evidence =
      new ConcurrentHashMap<>();

  final Map<String, MemoryRoute> clouds = new LinkedHashMap<>();
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();
  final OperatorDesk desk;
  final Map<String, List<RouteReconciler>> reconcilers = new LinkedHashMap<>();
  final HttpServer server;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** The context the API last read the verdicts on: it must be the daemon's. */
  volatile Context healthReadOn;

  /** The state directory's disk: tests hold it or make it fail. */
  final ScriptedDisk disk = new ScriptedDisk();

  private final StateDirectory stateDirectory;
  private final IntentJournal journal;
  private long round;

  private final String configText;
  private final HttpClient client;

  private final Group group;

  ApiHarness(
      Path stateDir, MutableClock wall, AtomicLong nanos, String configText, HttpClient client)
      throws Exception {
    this(stateDir, wall, nanos, configText, client, new SoloGroup("solo", nanos::get, wall));
  }

  /**
   * @param group the replica group the API's daemon is in; its monotonic clock must read as {@code
   *     nanos}
   */
  ApiHarness(
      Path stateDir,
      MutableClock wall,
      AtomicLong nanos,
      String configText,
      HttpClient client,
      Group group)
      throws Exception {
    this.group = group;
    this.stateDir = stateDir;
    this.wall = wall;
    this.nanos = nanos;
    this.configText = configText;
    this.client = client;
    this.config = new ConfigLoader(System::getenv).parse(CONFIG.toString(), configText);
    this.stateDirectory = StateDirectory.open(stateDir, disk, wall);
    this.journal = IntentJournal.open(stateDir, wall);
    this.desk =
        new OperatorDesk(
            config,
            OverrideStore.open(stateDir, nanos::get, wall, stateDirectory.lane(), group),
            new DecisionHistory(DecisionHistory.DEFAULT_CAPACITY),
            AuditLog.open(stateDir, wall, stateDirectory.lane()),
            group);
    desk.bind(registry);
    for (ServiceConfig service : config.services()) {
      Map<Backend, Verdict> v = new EnumMap<>(Backend.class);
      v.put(Backend.CVM, Verdict.UP);
      v.put(Backend.SCF, Verdict.UP);
      verdicts.put(service.name(), v);
      List<RouteReconciler> routes = new ArrayList<>();
      for (RouteSettings route : config.routes(service)) {
        MemoryRoute cloud = new MemoryRoute(ON_CVM);
        clouds.put(service.name(), cloud);
        RouteReconciler r =
            new RouteReconciler(
                service.name(),
                route,
                List.of(cloud),
                journal,
                registry,
                false,
                nanos::get,
                Optional.empty(),
                Acting.of(group)); // in a group, it acts only while its replica leads
        r.auditTo(desk::changed);
        routes.add(r);
      }
      reconcilers.put(service.name(), routes);
    }
    ApiState state =
        new ApiState(
            config,
            reconcilers,
            (service, backend) -> {
              healthReadOn = Vertx.currentContext();
              return new BackendHealth(
                  verdicts.get(service).get(backend),
                  "test verdict",
                  evidence.getOrDefault(service, Map.of()).getOrDefault(backend, List.of()));
            },
            desk,
            () -> Readiness.READY,
            registry::toString,
            wall);
    this.server = await(OperatorApi.listen(vertx, context, state, "127.0.0.1", 0));
  }

  static ApiHarness start(Path stateDir) throws Exception {
    return start(stateDir, UnaryOperator.identity(), plainClient());
  }

  /**
   * @param edit changes the test config's text, such as adding TLS
   * @param client the client {@link #call} uses
   */
  static ApiHarness start(Path stateDir, UnaryOperator<String> edit, HttpClient client)
      throws Exception {
    return new ApiHarness(
        stateDir,
        new MutableClock(Instant.parse("2026-11-24T10:00:00Z")),
        new AtomicLong(Long.MAX_VALUE - Duration.ofMinutes(5).toNanos()),
        edit.apply(Files.readString(CONFIG)),
        client);
  }

  /**
   * A replica of a group, on the test config, whose monotonic clock is {@code nanos} (the one its
   * {@code group}'s clock maps).
   */
  static ApiHarness inGroup(Path stateDir, AtomicLong nanos, Group group) throws Exception {
    return new ApiHarness(
        stateDir,
        new MutableClock(Instant.parse("2026-11-24T10:00:00Z")),
        nanos,
        Files.readString(CONFIG),
        plainClient(),
        group);
  }

  static HttpClient plainClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The same state directory and clocks, as a restarted daemon would have them. */
  ApiHarness restart() throws Exception {
    close();
    return new ApiHarness(stateDir, wall, nanos, configText, client, group);
  }

  void advance(Duration d) {
    wall.advance(d);
    nanos.addAndGet(d.toNanos());
  }

  /**
   * One tick of every service, as the tick loop runs it, on the API's context; then waits for the
   * writes it started (expired overrides and their audit entries, changes audited) to land.
   */
  void tick() throws Exception {
    tickOnly();
    settle();
  }

  /**
   * Waits until the disk lane and the context have run what was started on them: each round lets
   * the lane finish what it holds, then the context run the callbacks that follow (which may queue
   * more on the lane). No change goes back and forth more than twice.
   */
  void settle() throws Exception {
    for (int round = 0; round < 3; round++) {
      stateDirectory.lane().await(() -> null);
      onContext(() -> {});
    }
  }

  /** One tick, not waiting for the disk. */
  void tickOnly() throws Exception {
    onContext(
        () -> {
          round++;
          desk.tickStarted();
          reconcilers.forEach(
              (service, routes) -> {
                Map<Backend, Verdict> v = verdicts.get(service);
                HealthSnapshot snapshot =
                    HealthSnapshot.of(
                        v.get(Backend.CVM), v.get(Backend.SCF), round, wall.instant());
                for (RouteReconciler route : routes) {
                  Decision prior = route.lastDecision().orElse(null);
                  route.tick(snapshot, desk.overrides(service));
                  route
                      .lastDecision()
                      .filter(d -> d != prior)
                      .ifPresent(
                          d -> desk.decided(service, route.route(), wall.instant(), d, snapshot));
                }
              });
        });
  }

  /** Ticks {@code n} times, {@code every} apart. */
  void ticks(int n, Duration every) throws Exception {
    for (int i = 0; i < n; i++) {
      advance(every);
      tick();
    }
  }

  HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String base() {
    String scheme = config.controller().api().tls().isPresent() ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.actualPort();
  }

  /** A GET with this exact Authorization header. */
  HttpResponse<String> getAuthorized(String path, String authorization) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", authorization)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return call("GET", path, token, null);
  }

  HttpResponse<String> put(String path, String token, String body) throws Exception {
    return call("PUT", path, token, body);
  }

  private void onContext(Runnable work) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            work.run();
            done.complete(null);
          } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
          }
        });
    done.get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    disk.release();
    await(server.close());
    desk.audit().close();
    journal.close();
    stateDirectory.close();
    await(vertx.close());
  }
}

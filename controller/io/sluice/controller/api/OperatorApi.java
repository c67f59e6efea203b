package io.sluice.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.controller.config.ApiExposure;
import io.sluice.controller.config.ControllerConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API and the status endpoints on one listener. The router is built from {@code
 * openapi.yaml} (served at {@code /v1/openapi.yaml}), which validates every request: unknown
 * fields, wrong types and out-of-range values never reach a handler. Every request gets an id
 * ({@code X-Request-Id}); every failure is an RFC 9457 problem document. The server listens on the
 * daemon's context, so its handlers and the tick loop never run at the same time. {@code /} serves
 * the {@link StatusPage}, which needs no token because it holds no data. A {@link ConnectionGuard}
 * bounds the connections and how long each may take.
 */
public final class OperatorApi {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorApi.class);
  static final String DOCUMENT = "io/sluice/controller/api/openapi.yaml";
  static final int BODY_LIMIT = 16 * 1024;
  private static final Set<String> OPEN = Set.of("/healthz", "/readyz", "/metrics");

  /**
   * The operations only the leader of a replica group can carry out, which a follower answers with
   * a 409 naming the leader ({@link GroupHandlers#leaderOnly}). None today: the only writes are
   * overrides and resumes, which go through the group's shared document and so work on any replica.
   * An operation that makes the controller act directly (reconcile now, say) belongs here.
   */
  static final Set<String> LEADER_ONLY = Set.of();

  private OperatorApi() {}

  /** The OpenAPI document, as served. */
  public static String document() {
    try (InputStream in = OperatorApi.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject documentJson() {
    try {
      return new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(document(), Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds the router and listens on {@code context}; fails when the port is taken, or when the
   * address reaches beyond this host without the credentials and TLS that needs ({@link
   * ApiExposure}).
   */
  public static Future<HttpServer> listen(
      Vertx vertx, Context context, ApiState state, String host, int port) {
    ControllerConfig.Api api = state.config().controller().api();
    try {
      admitExposure(api, host, port);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    ConnectionGuard guard =
        new ConnectionGuard(vertx, api.maxConnections(), api.headerTimeout(), api.requestTimeout());
    Promise<HttpServer> listening = Promise.promise();
    context.runOnContext(
        v ->
            OpenAPIContract.from(vertx, documentJson())
                .map(contract -> router(vertx, contract, state, guard))
                .onSuccess(
                    router ->
                        // listen on the daemon's context itself: an HTTP server's handlers (and
                        // the guard's connection and timer handlers) run on the context its
                        // listen was called on
                        context.runOnContext(
                            ready ->
                                vertx
                                    .createHttpServer(options(api))
                                    .connectionHandler(guard::connected)
                                    .requestHandler(guard.requests(router))
                                    .listen(port, host)
                                    .onComplete(listening)))
                .onFailure(listening::fail));
    return listening.future();
  }

  /**
   * Refuses an address the API may not be served on ({@link ApiExposure}), and warns when tokens
   * will cross the network in plain text because the config allows it.
   *
   * @throws IllegalArgumentException naming the address and the rules it breaks
   */
  static void admitExposure(ControllerConfig.Api api, String host, int port) {
    List<String> refusals = ApiExposure.refusals(api, host);
    if (!refusals.isEmpty()) {
      throw new IllegalArgumentException(
          "the API's listen address " + host + ":" + port + " " + String.join("; ", refusals));
    }
    if (ApiExposure.plaintextBeyondLoopback(api, host)) {
      LOG.warn(
          "the API listens on {}:{} without TLS (api.allowPlaintextTokens): bearer tokens cross"
              + " the network readable to anyone on the path; put TLS in front of it",
          host,
          port);
    }
  }

  private static HttpServerOptions options(ControllerConfig.Api api) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setIdleTimeout((int) api.idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            // HTTP/1.1 only: with h2c detection, a connection is handed to the server (and the
            // guard) only once its first bytes arrive, so an idle one would go uncounted
            .setHttp2ClearTextEnabled(false)
            // a TLS client has as long to finish its handshake as a plain one has for its head
            .setSslHandshakeTimeout(api.headerTimeout().toMillis())
            .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    api.tls()
        .ifPresent(
            tls -> {
              options
                  .setSsl(true)
                  .setKeyCertOptions(
                      new PemKeyCertOptions()
                          .setCertPath(tls.certFile())
                          .setKeyPath(tls.keyFile()));
              tls.clientCaFile()
                  .ifPresent(
                      ca ->
                          options
                              .setTrustOptions(new PemTrustOptions().addCertPath(ca))
                              .setClientAuth(ClientAuth.REQUEST));
            });
    return options;
  }

  static Router router(
      Vertx vertx, OpenAPIContract contract, ApiState state, ConnectionGuard guard) {
    ControllerConfig.Api api = state.config().controller().api();
    Authenticator auth = new Authenticator(api);
    ReadHandlers reads = new ReadHandlers(state);
    GroupHandlers group = new GroupHandlers(state.desk().group());
    ChangeHandlers changes =
        new ChangeHandlers(
            state,
            new MutationLimiter(api.mutationsPerMinute()),
            state.config().controller().maxOverrideTtl());
    boolean open = api.openEndpoints();
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
            // a platform handler may come before the body handler, which must come before the rest
            // (Vert.x Web's rule): the guard learns when each answer has ended
            .rootHandler(guard.answers())
            // it only buffers, bounded
            .rootHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
            .rootHandler(
                ctx -> {
                  String id = UUID.randomUUID().toString();
                  ctx.put(ChangeHandlers.REQUEST_ID, id);
                  ctx.response().putHeader("X-Request-Id", id);
                  ctx.next();
                })
            .rootHandler(
                ctx -> {
                  String path = ctx.normalizedPath();
                  if ((open && OPEN.contains(path)) || StatusPage.serves(path)) {
                    ctx.next();
                  } else {
                    auth.handle(ctx);
                  }
                });
    for (OpenAPIRoute route : builder.getRoutes()) {
      route.setDoSecurity(false); // the root handler above authenticates
    }
    LEADER_ONLY.forEach(operation -> on(builder, operation, group.leaderOnly()));
    on(builder, "listServices", reads::services);
    on(builder, "getService", reads::service);
    on(builder, "explain", reads::explain);
    on(builder, "audit", reads::audit);
    on(builder, "whoami", reads::whoami);
    on(builder, "group", group::group);
    on(builder, "setOverride", changes::setOverride);
    on(builder, "clearOverride", changes::clearOverride);
    on(builder, "resume", changes::resume);
    String document = document();
    on(
        builder,
        "openapi",
        ctx -> ctx.response().putHeader("content-type", "application/yaml").end(document));
    on(builder, "healthz", ctx -> ctx.response().end("ok\n"));
    on(
        builder,
        "readyz",
        ctx -> {
          Readiness readiness = state.readiness().get();
          ctx.response().setStatusCode(readiness.status()).end(readiness.body());
        });
    on(
        builder,
        "metrics",
        ctx ->
            ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(state.metrics().get()));
    Router router = builder.createRouter();
    StatusPage.route(router);
    router.route().failureHandler(Failures::handle);
    // no route matched: a problem document, not Vert.x's HTML page
    router
        .route()
        .last()
        .handler(
            ctx ->
                new Problem(
                        404,
                        "not found",
                        "no such endpoint: " + ctx.request().method() + " " + ctx.request().path(),
                        "path",
                        "must be an endpoint of /v1/openapi.yaml")
                    .send(ctx));
    return router;
  }

  private static void on(RouterBuilder builder, String operation, Handler<RoutingContext> h) {
    builder.getRoute(operation).addHandler(h);
  }
}

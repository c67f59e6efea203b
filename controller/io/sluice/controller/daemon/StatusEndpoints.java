package io.sluice.controller.daemon;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (the process answers) and {@code /readyz}
 * (every route has read the cloud and started its policy). They expose no secrets.
 */
final class StatusEndpoints {
  private final PrometheusMeterRegistry registry;
  private final TickLoop ticks;

  StatusEndpoints(PrometheusMeterRegistry registry, TickLoop ticks) {
    this.registry = registry;
    this.ticks = ticks;
  }

  Future<HttpServer> listen(Vertx vertx, ListenAddress at) {
    Router router = Router.router(vertx);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
    router.get("/healthz").handler(ctx -> ctx.response().end("ok\n"));
    router
        .get("/readyz")
        .handler(
            ctx -> {
              if (ticks.ready()) {
                ctx.response().end("ready\n");
              } else {
                ctx.response().setStatusCode(503).end("starting: reading the cloud's routing\n");
              }
            });
    return vertx.createHttpServer().requestHandler(router).listen(at.port(), at.host());
  }
}

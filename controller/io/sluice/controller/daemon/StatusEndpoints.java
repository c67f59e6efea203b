package io.sluice.controller.daemon;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (the process answers) and {@code /readyz}
 * (every route has read the cloud and started its policy; the body also lists routes whose change
 * was escalated as "switched but not moved", which do not make the daemon unready: it still
 * reconciles). They expose no secrets. {@code /readyz} reads the reconcilers on the daemon's
 * context, the only thread that may touch them.
 */
final class StatusEndpoints {
  private final PrometheusMeterRegistry registry;
  private final TickLoop ticks;
  private final Context daemon;

  StatusEndpoints(PrometheusMeterRegistry registry, TickLoop ticks, Context daemon) {
    this.registry = registry;
    this.ticks = ticks;
    this.daemon = daemon;
  }

  private record Readiness(boolean ready, List<String> escalations) {
    String body() {
      StringBuilder text =
          new StringBuilder(ready ? "ready\n" : "starting: reading the cloud's routing\n");
      escalations.forEach(e -> text.append("escalated: ").append(e).append('\n'));
      return text.toString();
    }
  }

  private Future<Readiness> readiness() {
    Promise<Readiness> read = Promise.promise();
    daemon.runOnContext(
        v -> {
          try {
            read.complete(new Readiness(ticks.ready(), ticks.escalations()));
          } catch (RuntimeException e) {
            read.fail(e);
          }
        });
    return read.future();
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
            ctx ->
                readiness()
                    .onComplete(
                        read -> {
                          if (read.failed()) {
                            ctx.fail(read.cause());
                          } else {
                            ctx.response()
                                .setStatusCode(read.result().ready() ? 200 : 503)
                                .end(read.result().body());
                          }
                        }));
    return vertx.createHttpServer().requestHandler(router).listen(at.port(), at.host());
  }
}

package io.sluice.sandbox.dataplane.cvm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The real HTTP server of one emulated CVM on a loopback port, so that traffic through a VIP and
 * health checks hit a socket that can refuse, hang or fail exactly like a real machine. It reads
 * its behaviour on every request; only "stopped" needs the fleet to close it.
 */
final class InstanceServer {

  private final Vertx vertx;
  private final String instanceId;
  private final Supplier<InstanceBehaviour> behaviour;
  private final AtomicLong served = new AtomicLong();
  private HttpServer server;

  InstanceServer(Vertx vertx, String instanceId, Supplier<InstanceBehaviour> behaviour) {
    this.vertx = vertx;
    this.instanceId = instanceId;
    this.behaviour = behaviour;
  }

  /**
   * @param port 0 for a fresh port, or the port it had before so that clients reconnect there
   */
  Future<Integer> listen(int port) {
    server = newServer();
    return server
        .listen(port)
        .recover(
            taken -> {
              if (port == 0) {
                return Future.failedFuture(taken);
              }
              // The old port went to another socket meanwhile; a server that failed to bind
              // cannot listen again, so a fresh one takes any free port.
              server = newServer();
              return server.listen(0);
            })
        .map(HttpServer::actualPort);
  }

  private HttpServer newServer() {
    HttpServer fresh = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
    fresh.requestHandler(this::handle);
    return fresh;
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    switch (behaviour.get()) {
      case InstanceBehaviour.Serving serving -> answer(request, serving.body().orElse(null));
      case InstanceBehaviour.Slow slow ->
          vertx.setTimer(Math.max(1, slow.delay().toMillis()), id -> answer(request, null));
      case InstanceBehaviour.Broken broken ->
          request.response().setStatusCode(broken.status()).end("broken: " + instanceId);
      case InstanceBehaviour.Hung hung -> request.pause();
      case InstanceBehaviour.Trickling trickling -> trickle(request, trickling.every());
      case InstanceBehaviour.Stopped stopped -> request.connection().close();
    }
  }

  private void trickle(HttpServerRequest request, java.time.Duration every) {
    var response = request.response().setChunked(true);
    response.write("[");
    long timer = vertx.setPeriodic(Math.max(1, every.toMillis()), id -> response.write(" "));
    request.connection().closeHandler(v -> vertx.cancelTimer(timer));
  }

  private void answer(HttpServerRequest request, String body) {
    long count = served.incrementAndGet();
    if (body != null) {
      request.response().end(body);
    } else {
      request
          .response()
          .putHeader("Content-Type", "application/json")
          .end("{\"instance\":\"" + instanceId + "\",\"served\":" + count + "}");
    }
  }
}

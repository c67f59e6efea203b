package io.sluice.controller.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on loopback port 0 that records every body and answers the status its script
 * gives for the n-th request (0 first); a status of 0 never answers.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  public WebhookReceiver(IntUnaryOperator statusOfRequest) throws Exception {
    this(statusOfRequest, n -> "{\"errcode\":0}");
  }

  /**
   * @param bodyOfRequest the answer's body for the n-th request
   */
  public WebhookReceiver(IntUnaryOperator statusOfRequest, IntFunction<String> bodyOfRequest)
      throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(request -> handle(request, statusOfRequest, bodyOfRequest))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  private void handle(
      HttpServerRequest request,
      IntUnaryOperator statusOfRequest,
      IntFunction<String> bodyOfRequest) {
    request
        .body()
        .onSuccess(
            body -> {
              int n = bodies.size();
              bodies.add(body.toString());
              int status = statusOfRequest.applyAsInt(n);
              if (status != 0) {
                request.response().setStatusCode(status).end(bodyOfRequest.apply(n));
              }
            });
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hook";
  }

  /** Every request body received, answered or not, in order. */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

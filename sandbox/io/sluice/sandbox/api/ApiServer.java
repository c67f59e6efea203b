package io.sluice.sandbox.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The emulated {@code *.tencentcloudapi.com} endpoint: one HTTP server that answers every
 * registered product, as the official SDK clients expect on the wire. It accepts {@code POST /} and
 * the absolute form {@code POST http://clb.tencentcloudapi.com/} that the SDK sends when its proxy
 * settings point here (which keeps production-identical signing), and hands each call to the {@link
 * ApiDispatcher}, applying the injected control-plane faults to the calls it admits. Any number of
 * servers can run in one JVM; each binds its own port.
 */
public final class ApiServer implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final long BLOCKING_WAIT_SECONDS = 10;

  private final Vertx vertx;
  private final ControlPlaneFaults faults;
  private final ApiDispatcher dispatcher;
  private HttpServer server;

  /**
   * @param clock wall time, for the signatures' timestamps
   * @param nanos monotonic time, for the rate limits
   * @param actionTimeout how long an action may take before the call is answered {@code
   *     InternalError}; see {@link ApiDispatcher}
   */
  public ApiServer(
      Vertx vertx,
      Clock clock,
      LongSupplier nanos,
      Credentials credentials,
      ControlPlaneFaults faults,
      MutationLog mutationLog,
      List<ServiceDefinition> services,
      Duration actionTimeout) {
    this.vertx = vertx;
    this.faults = faults;
    this.dispatcher =
        new ApiDispatcher(clock, nanos, credentials, faults, mutationLog, services, actionTimeout);
  }

  /** Binds 127.0.0.1 on a free port and waits for it; returns the port. Not on an event loop. */
  public int start() {
    return await(listen(LOOPBACK, 0));
  }

  /** Binds the host and port (0: any free one); completes with the bound port. */
  public synchronized Future<Integer> listen(String host, int port) {
    if (server != null) {
      throw new IllegalStateException("ApiServer is already started");
    }
    // SO_LINGER 0 turns the close of the ConnectionReset fault into a TCP reset.
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setSoLinger(0);
    server = vertx.createHttpServer(options).requestHandler(this::onRequest);
    return server.listen().map(HttpServer::actualPort);
  }

  /** Stops listening and drops open connections, including hung calls; waits for it. */
  @Override
  public void close() {
    HttpServer s;
    synchronized (this) {
      s = server;
      server = null;
    }
    if (s != null) {
      await(s.close());
    }
  }

  private void onRequest(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST || !"/".equals(pathOf(request.uri()))) {
      request.response().setStatusCode(404).end();
      return;
    }
    request
        .body()
        .onSuccess(body -> serve(request, body))
        .onFailure(e -> request.response().setStatusCode(400).end());
  }

  private void serve(HttpServerRequest request, Buffer body) {
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
    HttpCall call = new HttpCall(headers, body.getBytes());
    switch (dispatcher.admit(call, UUID.randomUUID().toString())) {
      case Admission.Rejected rejected -> answer(request, rejected.envelope());
      case Admission.Admitted admitted -> serveAdmitted(request, admitted);
    }
  }

  private void serveAdmitted(HttpServerRequest request, Admission.Admitted call) {
    Fault fault = faults.take(call.action()).orElse(null);
    switch (fault) {
      case null -> answer(request, call);
      case Fault.ApiError e ->
          answer(request, Envelopes.error(e.code(), e.message(), call.requestId()));
      case Fault.Latency l ->
          vertx.setTimer(Math.max(1, l.delay().toMillis()), t -> answer(request, call));
      case Fault.Hang h -> {
        // Never answered: the client's read timeout fires, or close() drops the connection.
      }
      case Fault.HttpStatus s ->
          request.response().setStatusCode(s.status()).end("Sandbox fault: HTTP " + s.status());
      case Fault.ConnectionReset r -> request.connection().close();
      case Fault.MalformedJson m -> json(request, "{\"Response\":{\"RequestId\":");
      case Fault.MissingResponse m ->
          json(request, new JsonObject().put("RequestId", call.requestId()).encode());
    }
  }

  private void answer(HttpServerRequest request, Admission.Admitted call) {
    dispatcher.answer(call).onSuccess(envelope -> answer(request, envelope));
  }

  private static void answer(HttpServerRequest request, JsonObject envelope) {
    json(request, envelope.encode());
  }

  private static void json(HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json").end(body);
  }

  /** The path of an origin-form ({@code /}) or absolute-form ({@code http://host/}) target. */
  static String pathOf(String uri) {
    String rest = uri;
    int scheme = uri.indexOf("://");
    if (scheme > 0) {
      int slash = uri.indexOf('/', scheme + 3);
      rest = slash < 0 ? "/" : uri.substring(slash);
    }
    int query = rest.indexOf('?');
    return query < 0 ? rest : rest.substring(0, query);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(BLOCKING_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the API server", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("API server did not start or stop in time", e);
    }
  }
}

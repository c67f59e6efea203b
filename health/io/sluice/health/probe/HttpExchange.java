package io.sluice.health.probe;

import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One HTTP probe from connection to verdict. A timer is its hard deadline: whatever the server does
 * (accept and stay silent, trickle an endless body), the outcome is settled by then and the request
 * reset. The body is read only up to {@link ProbeSpec#maxBodyBytes()}; past that the request is
 * reset, which closes the connection instead of draining it.
 *
 * <p>A request sent on a connection kept alive from an earlier probe can meet the server's close of
 * that idle connection, and then never reached the server's application. As HTTP clients do for
 * idempotent requests, such a request closed before any answer is sent once more, on a fresh
 * connection and within the same deadline; a close on a fresh connection is the backend's fault and
 * reads as a reset at once.
 */
final class HttpExchange {
  /** The methods a client may send again after an unknown outcome (RFC 9110, 9.2.2). */
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  // what a pooled connection is left with once its probe has settled: see settle()
  private static final Handler<Throwable> SETTLED = failure -> {};

  private final Vertx vertx;
  private final ProbeSpec spec;
  private final LongSupplier nanoClock;
  private final HttpClientAgent client;
  private final KeptAliveConnections keptAlive;
  private final long startedNanos;
  private final Promise<ProbeOutcome> outcome = Promise.promise();
  private final Buffer body = Buffer.buffer();
  private long deadlineTimer;
  private boolean resolved;
  private boolean answered;
  // the current attempt's request; null until connected, and again while a retry connects
  private HttpClientRequest request;
  // a retry's own connection, outside the pool, closed when the exchange settles
  private HttpClientConnection retryConnection;

  HttpExchange(
      Vertx vertx,
      ProbeSpec spec,
      LongSupplier nanoClock,
      HttpClientAgent client,
      KeptAliveConnections keptAlive) {
    this.vertx = vertx;
    this.spec = spec;
    this.nanoClock = nanoClock;
    this.client = client;
    this.keptAlive = keptAlive;
    this.startedNanos = nanoClock.getAsLong();
  }

  /**
   * @param options the request, without the server address: that comes from {@code resolver}
   */
  Future<ProbeOutcome> start(HostResolver resolver, RequestOptions options) {
    deadlineTimer = vertx.setTimer(spec.timeout().toMillis(), id -> onDeadline());
    resolver
        .resolve(spec.host())
        .onComplete(
            address -> {
              resolved = true;
              if (address.failed()) {
                settle(ProbeFailure.classify(address.cause(), false));
              } else if (!settled()) {
                options.setServer(
                    SocketAddress.inetSocketAddress(
                        new InetSocketAddress(address.result(), spec.port())));
                client
                    .request(options)
                    .onComplete(
                        connected -> onConnected(connected, () -> retryOnFreshConnection(options)));
              }
            });
    return outcome.future();
  }

  private void retryOnFreshConnection(RequestOptions options) {
    // connect() bypasses the pool, which may hold other connections the server has dropped
    client
        .connect(options)
        .onComplete(
            connected -> {
              if (connected.failed()) {
                settle(ProbeFailure.classify(connected.cause(), false));
                return;
              }
              retryConnection = connected.result();
              if (settled()) {
                retryConnection.close();
                return;
              }
              retryConnection.request(options).onComplete(sent -> onConnected(sent, null));
            });
  }

  /**
   * @param retry how to send the request again if its pooled connection turns out to be a stale
   *     kept-alive one; null for an attempt that may not be retried
   */
  private void onConnected(AsyncResult<HttpClientRequest> connected, Runnable retry) {
    if (connected.failed()) {
      settle(ProbeFailure.classify(connected.cause(), false));
      return;
    }
    HttpClientRequest attempt = connected.result();
    if (settled()) {
      attempt.reset();
      return;
    }
    request = attempt;
    Runnable retryIfStale =
        retry != null && keptAlive.reuse(attempt.connection()) && IDEMPOTENT.contains(spec.method())
            ? retry
            : null;
    Handler<Throwable> failed = failure -> onFailure(attempt, failure, retryIfStale);
    attempt.authority(HostAndPort.create(spec.hostHeader().orElse(spec.host()), spec.port()));
    spec.headers().forEach(attempt::putHeader);
    attempt.exceptionHandler(failed);
    // a reset can reach the connection after the exchange has settled; it belongs to this probe
    attempt.connection().exceptionHandler(failed);
    attempt
        .send()
        .onComplete(
            response -> {
              if (response.failed()) {
                failed.handle(response.cause());
              } else if (attempt == request) {
                onResponse(response.result());
              }
            });
  }

  private void onFailure(HttpClientRequest attempt, Throwable failure, Runnable retryIfStale) {
    if (attempt != request || settled()) {
      return; // late news of an attempt already given up, or of a settled probe
    }
    ProbeOutcome result = ProbeFailure.classify(failure, true);
    if (retryIfStale != null && !answered && isReset(result)) {
      request = null;
      retryIfStale.run();
    } else {
      settle(result);
    }
  }

  private static boolean isReset(ProbeOutcome result) {
    return result instanceof ProbeOutcome.Down down && down.reason() == DownReason.CONNECTION_RESET;
  }

  private void onResponse(HttpClientResponse response) {
    if (settled()) {
      return;
    }
    answered = true;
    response.exceptionHandler(failure -> settle(ProbeFailure.classify(failure, true)));
    int status = response.statusCode();
    if (!spec.expectedStatuses().contains(status)) {
      settle(
          new ProbeOutcome.Down(
              DownReason.UNEXPECTED_STATUS,
              "status " + status + ", expected " + spec.expectedStatuses()));
      request.reset();
      return;
    }
    response.handler(this::onBodyChunk);
    response.endHandler(end -> settle(judgeBody()));
  }

  private void onBodyChunk(Buffer chunk) {
    if (settled()) {
      return;
    }
    int room = spec.maxBodyBytes() - body.length();
    if (chunk.length() <= room) {
      body.appendBuffer(chunk);
      return;
    }
    body.appendBuffer(chunk, 0, room);
    settle(judgeBody());
    request.reset();
  }

  private ProbeOutcome judgeBody() {
    String prefix = body.toString(StandardCharsets.UTF_8);
    return spec.bodyMatch()
        .filter(match -> !match.test(prefix))
        .<ProbeOutcome>map(
            match ->
                new ProbeOutcome.Down(
                    DownReason.BODY_MISMATCH,
                    "the first " + body.length() + " bytes of the body do not " + match))
        .orElseGet(
            () -> new ProbeOutcome.Up(Duration.ofNanos(nanoClock.getAsLong() - startedNanos)));
  }

  private void onDeadline() {
    if (!resolved) {
      settle(ProbeFailure.notResolvedInTime(spec));
      return;
    }
    if (request == null) {
      settle(ProbeFailure.noConnectionInTime(spec));
      return;
    }
    settle(
        new ProbeOutcome.Down(
            DownReason.READ_TIMEOUT,
            "no complete answer from "
                + spec.target()
                + " within "
                + spec.timeout().toMillis()
                + " ms"));
    request.reset();
  }

  private boolean settled() {
    return outcome.future().isComplete();
  }

  private void settle(ProbeOutcome result) {
    if (outcome.tryComplete(result)) {
      vertx.cancelTimer(deadlineTimer);
      if (retryConnection != null) {
        retryConnection.close();
      } else if (request != null) {
        // The pooled connection outlives the probe; its handler would keep this whole exchange
        // (request, response, body) reachable until the target's next probe, a kilobyte or more
        // per target. Failures after the verdict changed nothing anyway, so swallow them.
        request.connection().exceptionHandler(SETTLED);
      }
    }
  }
}

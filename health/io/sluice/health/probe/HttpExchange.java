package io.sluice.health.probe;

import io.sluice.health.DownReason;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One HTTP probe from connection to verdict. A timer is its hard deadline: whatever the server does
 * (accept and stay silent, trickle an endless body), the outcome is settled by then and the request
 * reset. The body is read only up to {@link ProbeSpec#maxBodyBytes()}; past that the request is
 * reset, which closes the connection instead of draining it.
 */
final class HttpExchange {
  // what a pooled connection is left with once its probe has settled: see settle()
  private static final Handler<Throwable> SETTLED = failure -> {};

  private final Vertx vertx;
  private final ProbeSpec spec;
  private final LongSupplier nanoClock;
  private final long startedNanos;
  private final Promise<ProbeOutcome> outcome = Promise.promise();
  private final Buffer body = Buffer.buffer();
  private long deadlineTimer;
  private boolean resolved;
  private HttpClientRequest request;

  HttpExchange(Vertx vertx, ProbeSpec spec, LongSupplier nanoClock) {
    this.vertx = vertx;
    this.spec = spec;
    this.nanoClock = nanoClock;
    this.startedNanos = nanoClock.getAsLong();
  }

  /**
   * @param options the request, without the server address: that comes from {@code resolver}
   */
  Future<ProbeOutcome> start(HostResolver resolver, HttpClient client, RequestOptions options) {
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
                client.request(options).onComplete(this::onConnected);
              }
            });
    return outcome.future();
  }

  private void onConnected(AsyncResult<HttpClientRequest> connected) {
    if (connected.failed()) {
      settle(ProbeFailure.classify(connected.cause(), false));
      return;
    }
    request = connected.result();
    if (settled()) {
      request.reset();
      return;
    }
    request.authority(HostAndPort.create(spec.hostHeader().orElse(spec.host()), spec.port()));
    spec.headers().forEach(request::putHeader);
    request.exceptionHandler(failure -> settle(ProbeFailure.classify(failure, true)));
    // a reset can reach the connection after the exchange has settled; it belongs to this probe
    request.connection().exceptionHandler(failure -> settle(ProbeFailure.classify(failure, true)));
    request
        .send()
        .onComplete(
            response -> {
              if (response.failed()) {
                settle(ProbeFailure.classify(response.cause(), true));
              } else {
                onResponse(response.result());
              }
            });
  }

  private void onResponse(HttpClientResponse response) {
    if (settled()) {
      return;
    }
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
      if (request != null) {
        // The pooled connection outlives the probe; its handler would keep this whole exchange
        // (request, response, body) reachable until the target's next probe, a kilobyte or more
        // per target. Failures after the verdict changed nothing anyway, so swallow them.
        request.connection().exceptionHandler(SETTLED);
      }
    }
  }
}

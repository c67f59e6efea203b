package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.cvm.CvmFleet;
import io.sluice.sandbox.dataplane.routing.CvmTarget;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RuleBackends;
import io.sluice.sandbox.dataplane.routing.WeightedRoundRobin;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Forwards a request to one real server of a rule: weighted round robin over the targets the health
 * checker finds Alive (weight above zero); when none is Alive, over all of them (the CLB's
 * documented fail-open). A refused connection is a 502, a silent server a 504.
 *
 * <p>Every forward ends within {@code connectTimeout + responseTimeout}: the connect timeout also
 * bounds the wait for a pooled connection (Vert.x applies a request's connect timeout to the pool
 * queue, where a request would otherwise wait for ever behind connections held by hung or slow
 * servers), and the response timeout is a deadline for the whole exchange, not only for silence. A
 * forward whose client has gone ends at once, with nginx's 499.
 */
final class CvmForwarder {

  /** nginx's status for a request whose client closed the connection before the answer. */
  static final int CLIENT_CLOSED_REQUEST = 499;

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade");

  private final HttpClient client;
  private final CvmFleet fleet;
  private final TargetHealthLedger health;
  private final VipSettings settings;
  private final Map<String, WeightedRoundRobin<String>> schedulers = new ConcurrentHashMap<>();

  CvmForwarder(HttpClient client, CvmFleet fleet, TargetHealthLedger health, VipSettings settings) {
    this.client = client;
    this.fleet = fleet;
    this.health = health;
    this.settings = settings;
  }

  /**
   * A forwarded request; {@code headers} are the client's.
   *
   * @param clientGone completes when the client closes its connection before it has the answer
   */
  record Forward(
      HttpMethod method,
      String uri,
      List<Map.Entry<String, String>> headers,
      Buffer body,
      String clientIp,
      Future<Void> clientGone) {}

  Future<VipReply> forward(
      ListenerKey listener, String locationId, RuleBackends.Cvms backends, Forward request) {
    List<CvmTarget> weighted =
        backends.targets().stream().filter(target -> target.weight() > 0).toList();
    List<CvmTarget> alive =
        weighted.stream()
            .filter(
                target ->
                    health.health(
                            new TargetKey(
                                listener.loadBalancerId(),
                                listener.listenerId(),
                                locationId,
                                target.instanceId(),
                                target.port()))
                        == TargetHealth.ALIVE)
            .toList();
    return schedulers
        .computeIfAbsent(locationId, id -> new WeightedRoundRobin<>())
        .pick(alive.isEmpty() ? weighted : alive, this::targetId, CvmTarget::weight)
        .map(target -> send(target, request))
        .orElseGet(
            () -> Future.succeededFuture(VipReply.fromClb(settings.noTargetStatus(), "no target")));
  }

  private String targetId(CvmTarget target) {
    return target.instanceId() + ":" + target.port();
  }

  private Future<VipReply> send(CvmTarget target, Forward request) {
    Integer port = fleet.port(target.instanceId()).orElse(null);
    if (port == null) {
      return Future.succeededFuture(gatewayError(502));
    }
    // the connect timeout covers the pool wait as well as the TCP connect (see the class comment)
    RequestOptions options =
        new RequestOptions()
            .setMethod(request.method())
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(request.uri())
            .setConnectTimeout(settings.connectTimeout().toMillis())
            .setIdleTimeout(settings.responseTimeout().toMillis());
    request.headers().stream()
        .filter(h -> !NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT)))
        .forEach(h -> options.addHeader(h.getKey(), h.getValue()));
    options.putHeader("X-Forwarded-For", request.clientIp());
    options.putHeader("X-Real-IP", request.clientIp());
    long deadline = settings.responseTimeout().toMillis();
    return client
        .request(options)
        .compose(
            outbound -> {
              Future<VipReply> exchanged =
                  exchange(outbound, target, request).timeout(deadline, TimeUnit.MILLISECONDS);
              // A client that gives up takes the exchange with it, as on nginx (the CLB's engine,
              // proxy_ignore_client_abort off). Left running to the deadline, exchanges nobody
              // waits for fill the pool of a hung server, which then stays out of reach behind
              // them for a whole response timeout after it has recovered.
              request
                  .clientGone()
                  .onComplete(
                      gone -> {
                        if (!exchanged.isComplete()) {
                          outbound.reset(0, new CancellationException("the client has gone"));
                        }
                      });
              // the idle timeout misses a server that keeps trickling bytes; giving up must also
              // free the pooled connection, or later requests queue behind it
              return exchanged.onFailure(failure -> outbound.reset(0, failure));
            })
        .recover(
            failure ->
                Future.succeededFuture(
                    gatewayError(
                        request.clientGone().isComplete()
                            ? CLIENT_CLOSED_REQUEST
                            : statusFor(failure))));
  }

  /**
   * Sends and reads the whole answer. {@code body()} is asked for in the callback that receives the
   * response, before Vert.x can deliver its end: asked for later, it would never complete.
   */
  private static Future<VipReply> exchange(
      HttpClientRequest outbound, CvmTarget target, Forward request) {
    return outbound
        .send(request.body())
        .compose(response -> response.body().map(body -> reply(target, response, body)));
  }

  private static VipReply reply(CvmTarget target, HttpClientResponse response, Buffer body) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    response.headers().entries().stream()
        .filter(h -> !NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT)))
        .forEach(headers::add);
    return new VipReply(
        response.statusCode(), headers, body.getBytes(), target.ip(), target.port());
  }

  private static VipReply gatewayError(int status) {
    String message =
        switch (status) {
          case 504 -> "gateway timeout";
          case CLIENT_CLOSED_REQUEST -> "client closed request";
          default -> "bad gateway";
        };
    return VipReply.fromClb(status, message);
  }

  private static int statusFor(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return 504;
      }
    }
    return 502;
  }
}

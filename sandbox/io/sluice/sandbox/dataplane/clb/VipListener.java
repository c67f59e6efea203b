package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.TrafficRecorder;
import io.sluice.sandbox.dataplane.routing.L7Rule;
import io.sluice.sandbox.dataplane.routing.RoutingTable;
import io.sluice.sandbox.dataplane.routing.RuleBackends;
import io.sluice.sandbox.dataplane.routing.RuleMatcher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CLB layer-7 listener on its own loopback port: picks the rule by host and longest URL prefix
 * from a fresh routing snapshot, hands the request to the rule's real servers or function, answers,
 * and records the request for the Monitor. No matching rule is a 404.
 *
 * <p>Every request gets an answer: the forwarders bound their own time (connect and pool wait,
 * response deadline, function timeout), and anything that fails or throws on the way, the control
 * plane's routing snapshot included, becomes a 502 rather than a request left open.
 */
public final class VipListener {
  private static final Duration DROPPED_HELD_FOR = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final VipListenerSpec spec;
  private final RoutingTable routing;
  private final CvmForwarder cvms;
  private final FunctionForwarder functions;
  private final TrafficRecorder recorder;
  private final Clock clock;
  private final VantageLoss loss;
  private HttpServer server;

  VipListener(
      Vertx vertx,
      VipListenerSpec spec,
      RoutingTable routing,
      CvmForwarder cvms,
      FunctionForwarder functions,
      TrafficRecorder recorder,
      Clock clock,
      VantageLoss loss) {
    this.vertx = vertx;
    this.loss = loss;
    this.spec = spec;
    this.routing = routing;
    this.cvms = cvms;
    this.functions = functions;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** Binds a free loopback port and returns it. */
  Future<Integer> listen() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"));
    server.requestHandler(this::handle);
    return server.listen(0).map(HttpServer::actualPort);
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    long started = System.nanoTime();
    Instant at = clock.instant();
    HostAndPort authority = request.authority();
    String host = authority == null ? "" : authority.host();
    String path = request.path();
    Optional<L7Rule> rule = Optional.empty();
    Promise<Void> clientGone = Promise.promise();
    request.response().closeHandler(closed -> clientGone.tryComplete());
    Future<VipReply> forwarded;
    try {
      Optional<L7Rule> matched = RuleMatcher.match(routing.rules(spec.listener()), host, path);
      rule = matched;
      Optional<VantageLoss.Kind> lost =
          loss.decide(
              request.getHeader("User-Agent"),
              spec.listener().listenerId(),
              matched.map(L7Rule::locationId).orElse(null));
      if (lost.isPresent() && lost.get() == VantageLoss.Kind.DROP) {
        // never answered, as a lost packet; the connection goes when the client gives up, or
        // after a while if it never does
        vertx.setTimer(DROPPED_HELD_FOR.toMillis(), id -> request.connection().close());
        return;
      }
      forwarded =
          request
              .body()
              .compose(
                  body ->
                      lost.isPresent()
                          ? Future.succeededFuture(VipReply.fromClb(503, "vantage loss"))
                          : matched
                              .map(r -> dispatch(r, request, body, clientGone.future()))
                              .orElseGet(
                                  () -> Future.succeededFuture(VipReply.fromClb(404, "no rule"))));
    } catch (RuntimeException e) {
      forwarded = Future.failedFuture(e);
    }
    Optional<L7Rule> routed = rule;
    forwarded
        .otherwise(failure -> VipReply.fromClb(502, "bad gateway"))
        .onSuccess(
            reply -> {
              int status = answer(request, reply);
              recorder.record(
                  spec.vip(),
                  spec.vport(),
                  "HTTP",
                  routed.map(L7Rule::domain).orElse(host),
                  routed.map(L7Rule::url).orElse(path),
                  reply.targetIp(),
                  reply.targetPort(),
                  status,
                  Duration.ofNanos(System.nanoTime() - started),
                  at);
            });
  }

  private Future<VipReply> dispatch(
      L7Rule rule, HttpServerRequest request, Buffer body, Future<Void> clientGone) {
    List<Map.Entry<String, String>> headers = List.copyOf(request.headers().entries());
    String clientIp = request.remoteAddress().hostAddress();
    return switch (rule.backends()) {
      case RuleBackends.Cvms targets ->
          cvms.forward(
              spec.listener(),
              rule.locationId(),
              targets,
              new CvmForwarder.Forward(
                  request.method(), request.uri(), headers, body, clientIp, clientGone));
      case RuleBackends.Function function ->
          functions.forward(
              function.function(),
              spec,
              new ClbTriggerEvent.Request(
                  request.method().name(),
                  request.uri(),
                  headers,
                  body.getBytes(),
                  clientIp,
                  request.remoteAddress().port()));
    };
  }

  /**
   * @return the status the client got
   */
  private static int answer(HttpServerRequest request, VipReply reply) {
    HttpServerResponse response = request.response();
    try {
      response.setStatusCode(reply.status());
      reply.headers().forEach(h -> response.headers().add(h.getKey(), h.getValue()));
      response.end(Buffer.buffer(reply.body()));
      return reply.status();
    } catch (RuntimeException e) {
      // e.g. a status or header from a function that HTTP cannot carry: still answer the client
      if (response.headWritten()) {
        response.reset();
        return reply.status();
      }
      response.headers().clear();
      response.setStatusCode(502).end("bad gateway");
      return 502;
    }
  }
}

package io.sluice.sandbox.dataplane.clb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.dataplane.cvm.CvmFleet;
import io.sluice.sandbox.dataplane.cvm.InMemoryInstances;
import io.sluice.sandbox.dataplane.cvm.InstanceBehaviour;
import io.sluice.sandbox.dataplane.routing.CvmTarget;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RuleBackends;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder's time bounds over real sockets: whatever the real server or the connection pool
 * does, a forward answers within {@code connectTimeout + responseTimeout}, so no VIP request can
 * hang; and a forward whose client has gone lets go of its connection at once.
 */
final class CvmForwarderIT {

  private static final ListenerKey LISTENER = new ListenerKey("lb-1", "lbl-1");
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(300);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);
  private static final CvmTarget TARGET = new CvmTarget("ins-a", "10.0.1.1", 80, 10);

  private final InMemoryInstances registry = new InMemoryInstances();
  private final Map<String, InstanceBehaviour> instances = registry.behaviours();
  private Vertx vertx;
  private CvmFleet fleet;
  private HttpClient client;
  private CvmForwarder forwarder;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    fleet = new CvmFleet(vertx, registry);
    instances.put(TARGET.instanceId(), InstanceBehaviour.Serving.withDefaultBody());
    done(fleet.reconcile());
    // one connection per server, so a single stuck exchange fills the pool
    client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
    forwarder =
        new CvmForwarder(
            client,
            fleet,
            new TargetHealthLedger((target, health) -> {}),
            new VipSettings(CONNECT_TIMEOUT, RESPONSE_TIMEOUT, 503));
  }

  @AfterEach
  void close() throws Exception {
    done(client.close());
    done(fleet.close());
    done(vertx.close());
  }

  @Test
  void answers504WhenThePoolNeverFreesAConnectionToTheTarget() throws Exception {
    int port = fleet.port(TARGET.instanceId()).orElseThrow();
    // leases the pool's only connection to the target and never sends: it stays taken for ever
    // (until close() fails it, which is expected and not worth an error in the log)
    done(client.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/")))
        .exceptionHandler(expected -> {});

    long started = System.nanoTime();
    VipReply reply = done(forward());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(reply.status()).isEqualTo(504);
    assertThat(took).isGreaterThanOrEqualTo(CONNECT_TIMEOUT);
  }

  @Test
  void answers504AtTheResponseDeadlineWhenTheTargetKeepsTrickling() throws Exception {
    instances.put(
        TARGET.instanceId(), new InstanceBehaviour.Trickling(RESPONSE_TIMEOUT.dividedBy(8)));

    long started = System.nanoTime();
    VipReply reply = done(forward());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(reply.status()).isEqualTo(504);
    assertThat(took).isGreaterThanOrEqualTo(RESPONSE_TIMEOUT);
  }

  @Test
  void dropsTheExchangeWhenTheClientGoesSoAHealedTargetIsReachableAtOnce() throws Exception {
    // the CLB's own response timeout: an exchange left running would hold the pool's only
    // connection for a minute
    CvmForwarder patient =
        new CvmForwarder(
            client,
            fleet,
            new TargetHealthLedger((target, health) -> {}),
            new VipSettings(CONNECT_TIMEOUT, VipSettings.DEFAULT_RESPONSE_TIMEOUT, 503));
    instances.put(TARGET.instanceId(), new InstanceBehaviour.Hung());
    Promise<Void> clientGone = Promise.promise();
    Future<VipReply> abandoned = forward(patient, clientGone.future());

    clientGone.complete();

    assertThat(done(abandoned).status()).isEqualTo(CvmForwarder.CLIENT_CLOSED_REQUEST);
    instances.put(TARGET.instanceId(), InstanceBehaviour.Serving.withDefaultBody());
    // a connection still held would leave this one waiting for the pool, then 504
    assertThat(done(forward(patient, Promise.<Void>promise().future())).status()).isEqualTo(200);
  }

  private Future<VipReply> forward() {
    return forward(forwarder, Promise.<Void>promise().future());
  }

  private static Future<VipReply> forward(CvmForwarder through, Future<Void> clientGone) {
    return through.forward(
        LISTENER,
        "loc-1",
        new RuleBackends.Cvms(List.of(TARGET)),
        new CvmForwarder.Forward(
            HttpMethod.GET, "/", List.of(), Buffer.buffer(), "10.0.0.1", clientGone));
  }

  private static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP probes against real loopback servers: each fault a backend can show reads as its own Down
 * reason, every probe settles at its own timeout, and only the prober's own resolver failing reads
 * Inconclusive.
 *
 * <p>The timing tests assert causality, not latency margins, which a loaded machine would break: a
 * timeout cannot fire early, so a probe ended by its timeout took at least that long; which timeout
 * ended it (connect, read, the probe's deadline) is what its outcome says; and what a probe needed
 * (a request reaching the server, a resolver asked) happened before it settled.
 */
final class HttpProberIT {
  // generous, so that a slow CI machine cannot turn an answer into a timeout
  private static final Duration TIMEOUT = Duration.ofSeconds(8);
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(600);
  // not a latency margin: only how long something that never happens may keep a test waiting
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  private Vertx vertx;
  private HttpProber prober;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    prober = new HttpProber(vertx, System::nanoTime);
  }

  @AfterEach
  void stop() throws Exception {
    await(prober.close());
    await(vertx.close());
  }

  @Test
  void readsUpWithItsLatencyWhenTheStatusIsExpected() throws Exception {
    int port = serve(request -> request.response().end("ok"));

    ProbeOutcome outcome = await(prober.probe(spec(port).build()));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(((ProbeOutcome.Up) outcome).latency()).isPositive().isLessThan(TIMEOUT);
  }

  @Test
  void namesItsVantagePointInTheUserAgent() throws Exception {
    java.util.List<String> agents = new java.util.concurrent.CopyOnWriteArrayList<>();
    int port =
        serve(
            request -> {
              agents.add(String.valueOf(request.getHeader("User-Agent")));
              request.response().end("ok");
            });
    HttpProber fromR2 = new HttpProber(vertx, System::nanoTime, "r2");
    try {
      await(prober.probe(spec(port).build()));
      await(fromR2.probe(spec(port).build()));
    } finally {
      await(fromR2.close());
    }

    assertThat(agents).containsExactly("sluice-prober", "sluice-prober (vantage r2)");
  }

  @Test
  void readsUnexpectedStatusNamingTheStatusAndTheExpectedSet() throws Exception {
    int port = serve(request -> request.response().setStatusCode(503).end("busy"));

    ProbeOutcome outcome = await(prober.probe(spec(port).build()));

    assertDown(outcome, DownReason.UNEXPECTED_STATUS);
    assertThat(((ProbeOutcome.Down) outcome).detail()).contains("503").contains("200-399");
  }

  @Test
  void acceptsAStatusOutsideTheDefaultsWhenTheSpecExpectsIt() throws Exception {
    int port = serve(request -> request.response().setStatusCode(418).end());

    ProbeOutcome outcome =
        await(prober.probe(spec(port).expectedStatuses(StatusRanges.only(418)).build()));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Up.class);
  }

  @Test
  void checksThatTheBodyHoldsTheExpectedText() throws Exception {
    int port = serve(request -> request.response().end("{\"status\":\"serving\"}"));

    ProbeOutcome present =
        await(prober.probe(spec(port).bodyMatch(new BodyMatch.Contains("serving")).build()));
    ProbeOutcome absent =
        await(prober.probe(spec(port).bodyMatch(new BodyMatch.Contains("draining")).build()));

    assertThat(present).isInstanceOf(ProbeOutcome.Up.class);
    assertDown(absent, DownReason.BODY_MISMATCH);
  }

  @Test
  void checksTheBodyAgainstARegularExpression() throws Exception {
    int port = serve(request -> request.response().end("db=ok cache=ok lag=3"));

    ProbeOutcome matching =
        await(prober.probe(spec(port).bodyMatch(BodyMatch.Matches.regex("lag=[0-9]\\b")).build()));
    ProbeOutcome notMatching =
        await(prober.probe(spec(port).bodyMatch(BodyMatch.Matches.regex("db=down")).build()));

    assertThat(matching).isInstanceOf(ProbeOutcome.Up.class);
    assertDown(notMatching, DownReason.BODY_MISMATCH);
  }

  @Test
  void readsReadTimeoutAtTheTimeoutWhenTheServerNeverAnswers() throws Exception {
    AtomicLong requestArrived = new AtomicLong();
    int port = serve(request -> requestArrived.set(System.nanoTime()));

    long started = System.nanoTime();
    ProbeOutcome outcome =
        await(
            prober.probe(spec(port).timeout(SHORT_TIMEOUT).connectTimeout(SHORT_TIMEOUT).build()));
    long settled = System.nanoTime();

    assertDown(outcome, DownReason.READ_TIMEOUT);
    assertThat(((ProbeOutcome.Down) outcome).detail())
        .as("the probe's deadline ended it")
        .contains("no complete answer", "within " + SHORT_TIMEOUT.toMillis() + " ms");
    assertThat(requestArrived.get()).as("the request reached the server").isNotZero();
    assertThat(settled - requestArrived.get()).as("and the probe waited for it").isPositive();
    assertThat(Duration.ofNanos(settled - started)).isGreaterThanOrEqualTo(SHORT_TIMEOUT);
  }

  @Test
  void readsConnectionRefusedWhenNothingListens() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      ProbeOutcome outcome = await(prober.probe(spec(closed.port()).build()));

      assertDown(outcome, DownReason.CONNECTION_REFUSED);
    }
  }

  @Test
  void readsConnectTimeoutAtTheConnectTimeoutWhenConnectsHang() throws Exception {
    Duration connectTimeout = Duration.ofMillis(300);
    try (SilentPort silent = new SilentPort()) {
      long started = System.nanoTime();
      ProbeOutcome outcome =
          await(
              prober.probe(
                  ProbeSpec.http(silent.host(), silent.port())
                      .timeout(TIMEOUT)
                      .connectTimeout(connectTimeout)
                      .interval(TIMEOUT)
                      .build()));

      assertDown(outcome, DownReason.CONNECT_TIMEOUT);
      assertThat(((ProbeOutcome.Down) outcome).detail())
          .as("the connect timeout, not the probe's deadline")
          .contains("connection timed out after " + connectTimeout.toMillis() + " ms");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(connectTimeout);
    }
  }

  @Test
  void readsConnectionResetWhenTheServerResetsTheConnection() throws Exception {
    NetServer server =
        await(
            vertx
                .createNetServer(new NetServerOptions().setSoLinger(0))
                .connectHandler(socket -> socket.handler(request -> socket.close()))
                .listen(0, "127.0.0.1"));

    ProbeOutcome outcome = await(prober.probe(spec(server.actualPort()).build()));

    assertDown(outcome, DownReason.CONNECTION_RESET);
  }

  @Test
  void cutsAnEndlessBodyAtMaxBodyBytesAndStillSettles() throws Exception {
    int port = serve(this::trickleForEver);

    // ended by the cut, not by the deadline: a deadline reads Down READ_TIMEOUT, never Up
    ProbeOutcome cut = await(prober.probe(spec(port).maxBodyBytes(1000).build()));
    ProbeOutcome needleBeyondTheCut =
        await(
            prober.probe(
                spec(port).maxBodyBytes(1000).bodyMatch(new BodyMatch.Contains("needle")).build()));

    assertThat(cut).isInstanceOf(ProbeOutcome.Up.class);
    assertDown(needleBeyondTheCut, DownReason.BODY_MISMATCH);
    assertThat(((ProbeOutcome.Down) needleBeyondTheCut).detail()).contains("first 1000 bytes");
  }

  @Test
  void reusesOneKeepAliveConnectionForSuccessiveProbes() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    int port =
        serve(connection -> connections.incrementAndGet(), request -> request.response().end("ok"));

    for (int i = 0; i < 4; i++) {
      assertThat(await(prober.probe(spec(port).build()))).isInstanceOf(ProbeOutcome.Up.class);
    }

    assertThat(connections).hasValue(1);
    assertThat(prober.keptAliveChannels()).isEqualTo(1);
  }

  @Test
  void reopensAChannelTheServerClosedBetweenProbes() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    AtomicInteger closedByServer = new AtomicInteger();
    int port =
        serve(
            connection -> connections.incrementAndGet(),
            request ->
                request
                    .response()
                    .end("ok")
                    .onComplete(
                        sent ->
                            request
                                .connection()
                                .close()
                                .onComplete(closed -> closedByServer.incrementAndGet())));

    assertThat(await(prober.probe(spec(port).build()))).isInstanceOf(ProbeOutcome.Up.class);
    Awaitility.await()
        .atMost(HANG_GUARD)
        .untilAsserted(() -> assertThat(closedByServer).hasValue(1));
    Awaitility.await()
        .atMost(HANG_GUARD)
        .untilAsserted(
            () -> assertThat(prober.keptAliveChannels()).as("the closed channel dropped").isZero());
    ProbeOutcome second = await(prober.probe(spec(port).build()));

    assertThat(second).as("%s", second.describe()).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(connections).hasValue(2);
  }

  @Test
  void keepsNoChannelAfterAnAnswerWithConnectionClose() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    int port =
        serve(
            connection -> connections.incrementAndGet(),
            request -> request.response().putHeader("Connection", "close").end("ok"));

    assertThat(await(prober.probe(spec(port).build()))).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(prober.keptAliveChannels()).isZero();
    assertThat(await(prober.probe(spec(port).build()))).isInstanceOf(ProbeOutcome.Up.class);

    assertThat(connections).as("a fresh connection for each probe").hasValue(2);
  }

  @Test
  void closesAnIdleChannelAfterTheKeepAliveTime() throws Exception {
    Duration keepAlive = Duration.ofMillis(300);
    HttpProber shortLived =
        new HttpProber(vertx, System::nanoTime, HostResolver.system(vertx), keepAlive);
    AtomicInteger closed = new AtomicInteger();
    int port =
        serve(
            connection -> connection.closeHandler(v -> closed.incrementAndGet()),
            request -> request.response().end("ok"));

    assertThat(await(shortLived.probe(spec(port).build()))).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(shortLived.keptAliveChannels()).isEqualTo(1);

    Awaitility.await().atMost(HANG_GUARD).untilAsserted(() -> assertThat(closed).hasValue(1));
    Awaitility.await()
        .atMost(HANG_GUARD)
        .untilAsserted(() -> assertThat(shortLived.keptAliveChannels()).isZero());
    await(shortLived.close());
  }

  @Test
  void overlappingProbesOfOneAddressDoNotWaitForEachOtherAndKeepOneChannel() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    int port =
        serve(
            connection -> connections.incrementAndGet(),
            request -> vertx.setTimer(200, id -> request.response().end("ok")));
    ProbeSpec spec = spec(port).build();

    Future<ProbeOutcome> first = prober.probe(spec);
    Future<ProbeOutcome> second = prober.probe(spec);

    assertThat(await(first)).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(await(second)).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(connections).as("one channel each").hasValue(2);
    assertThat(prober.keptAliveChannels()).as("only one kept").isEqualTo(1);
    assertThat(await(prober.probe(spec))).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(connections).as("the kept one reused").hasValue(2);
  }

  @Test
  void readsOnlyTheBodyPrefixOfAHugeAnswerAndClosesTheChannel() throws Exception {
    long huge = 1L << 30; // far more than loopback's socket buffers can hold
    AtomicLong written = new AtomicLong();
    AtomicInteger connections = new AtomicInteger();
    Promise<Long> closedAfter = Promise.promise();
    int port =
        serve(
            connection -> connections.incrementAndGet(),
            request -> {
              var response = request.response().putHeader("Content-Length", "" + huge);
              request.connection().closeHandler(v -> closedAfter.tryComplete(written.get()));
              writeUntilFull(response, written, huge);
            });

    ProbeOutcome outcome =
        await(
            prober.probe(
                spec(port).maxBodyBytes(1000).bodyMatch(new BodyMatch.Contains("x")).build()));

    assertThat(outcome).as("%s", outcome.describe()).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(await(closedAfter.future())).as("bytes sent before the close").isLessThan(huge);
    assertThat(prober.keptAliveChannels()).isZero();
  }

  /** Writes the body while the connection takes it, so that only the reader's pace limits it. */
  private void writeUntilFull(
      io.vertx.core.http.HttpServerResponse response, AtomicLong written, long total) {
    Buffer chunk = Buffer.buffer("x".repeat(64 * 1024));
    while (!response.writeQueueFull() && written.get() < total && !response.closed()) {
      response.write(chunk);
      written.addAndGet(chunk.length());
    }
    if (written.get() < total && !response.closed()) {
      response.drainHandler(v -> writeUntilFull(response, written, total));
    }
  }

  @Test
  void retriesOnAFreshConnectionWhenTheServerClosedTheKeptAliveOneUnderTheRequest()
      throws Exception {
    ClosingServer server = new ClosingServer(Integer.MAX_VALUE);

    assertThat(await(prober.probe(spec(server.port).build()))).isInstanceOf(ProbeOutcome.Up.class);
    ProbeOutcome second = await(prober.probe(spec(server.port).build()));

    assertThat(second).as("%s", second.describe()).isInstanceOf(ProbeOutcome.Up.class);
    assertThat(server.closedUnderARequest).as("the reused connection was closed").hasValue(1);
    assertThat(server.connections).hasValue(2);
  }

  @Test
  void readsConnectionResetWhenTheRetrysFreshConnectionIsClosedToo() throws Exception {
    ClosingServer server = new ClosingServer(1);

    assertThat(await(prober.probe(spec(server.port).build()))).isInstanceOf(ProbeOutcome.Up.class);
    ProbeOutcome second = await(prober.probe(spec(server.port).build()));

    assertDown(second, DownReason.CONNECTION_RESET);
    assertThat(server.connections).as("one retry, no more").hasValue(2);
  }

  @Test
  void doesNotRetryWhenAFreshConnectionIsClosedUnderTheRequest() throws Exception {
    ClosingServer server = new ClosingServer(0);

    ProbeOutcome outcome = await(prober.probe(spec(server.port).build()));

    assertDown(outcome, DownReason.CONNECTION_RESET);
    assertThat(server.connections).hasValue(1);
  }

  @Test
  void sendsTheConfiguredHostHeaderPathAndHeaders() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    int port =
        serve(
            request -> {
              seen.add(request.headers().get("Host"));
              seen.add(request.method() + " " + request.uri());
              seen.add(request.getHeader("X-Probe"));
              request.response().end();
            });

    await(
        prober.probe(
            spec(port)
                .hostHeader("shop.example.com")
                .method("HEAD")
                .path("/healthz?deep=1")
                .header("X-Probe", "sluice")
                .build()));

    assertThat(seen).containsExactly("shop.example.com:" + port, "HEAD /healthz?deep=1", "sluice");
  }

  @Test
  void readsInconclusiveLocalResolverWhenTheTargetNameDoesNotResolve() throws Exception {
    ProbeOutcome outcome =
        await(
            prober.probe(
                ProbeSpec.http("nonexistent.invalid", 80)
                    .timeout(Duration.ofSeconds(3))
                    .connectTimeout(Duration.ofSeconds(3))
                    .interval(Duration.ofSeconds(5))
                    .build()));

    assertThat(outcome).isInstanceOf(ProbeOutcome.Inconclusive.class);
    assertThat(((ProbeOutcome.Inconclusive) outcome).cause())
        .isEqualTo(InconclusiveCause.LOCAL_RESOLVER);
  }

  @Test
  void readsInconclusiveLocalResolverWhenTheResolverStallsPastTheTimeout() throws Exception {
    AtomicLong asked = new AtomicLong();
    HttpProber stalled =
        new HttpProber(
            vertx,
            System::nanoTime,
            host -> {
              asked.set(System.nanoTime());
              return Promise.<InetAddress>promise().future();
            });

    long started = System.nanoTime();
    ProbeOutcome outcome =
        await(
            stalled.probe(
                ProbeSpec.http("backend.internal", 80)
                    .timeout(SHORT_TIMEOUT)
                    .connectTimeout(SHORT_TIMEOUT)
                    .build()));
    long settled = System.nanoTime();
    await(stalled.close());

    assertThat(outcome).isInstanceOf(ProbeOutcome.Inconclusive.class);
    assertThat(((ProbeOutcome.Inconclusive) outcome).cause())
        .isEqualTo(InconclusiveCause.LOCAL_RESOLVER);
    assertThat(((ProbeOutcome.Inconclusive) outcome).detail())
        .as("the probe's deadline ended it, the resolver never answered")
        .isEqualTo("'backend.internal' not resolved within " + SHORT_TIMEOUT.toMillis() + " ms");
    assertThat(asked.get()).as("the resolver was asked").isNotZero();
    assertThat(settled - asked.get()).isPositive();
    assertThat(Duration.ofNanos(settled - started)).isGreaterThanOrEqualTo(SHORT_TIMEOUT);
  }

  /**
   * A raw HTTP/1.1 server that answers the first request on each of its first {@code answering}
   * connections and keeps the connection open, and closes a connection on any other request: the
   * client's request on a kept-alive connection meets a close before any answer, as when a server
   * drops an idle connection just as the client reuses it.
   */
  private final class ClosingServer {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closedUnderARequest = new AtomicInteger();
    final int port;

    ClosingServer(int answering) throws Exception {
      NetServer server =
          await(
              vertx
                  .createNetServer()
                  .connectHandler(
                      socket -> {
                        boolean answers = connections.incrementAndGet() <= answering;
                        AtomicInteger requests = new AtomicInteger();
                        socket.handler(
                            bytes -> {
                              if (answers && requests.incrementAndGet() == 1) {
                                socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                              } else {
                                closedUnderARequest.incrementAndGet();
                                socket.close();
                              }
                            });
                      })
                  .listen(0, "127.0.0.1"));
      port = server.actualPort();
    }
  }

  private void trickleForEver(HttpServerRequest request) {
    var response = request.response().setChunked(true);
    Buffer chunk = Buffer.buffer("x".repeat(256));
    long timer = vertx.setPeriodic(1, id -> response.write(chunk));
    request.connection().closeHandler(closed -> vertx.cancelTimer(timer));
  }

  private ProbeSpec.Builder spec(int port) {
    return ProbeSpec.http("127.0.0.1", port)
        .timeout(TIMEOUT)
        .connectTimeout(TIMEOUT)
        .interval(TIMEOUT);
  }

  private int serve(Handler<HttpServerRequest> handler) throws Exception {
    return serve(connection -> {}, handler);
  }

  /** Serves on loopback, telling {@code onConnection} of each connection the server accepts. */
  private int serve(Handler<HttpConnection> onConnection, Handler<HttpServerRequest> handler)
      throws Exception {
    return await(
            vertx
                .createHttpServer(new HttpServerOptions())
                .connectionHandler(onConnection)
                .requestHandler(handler)
                .listen(0, "127.0.0.1"))
        .actualPort();
  }

  private static void assertDown(ProbeOutcome outcome, DownReason reason) {
    assertThat(outcome).isInstanceOf(ProbeOutcome.Down.class);
    assertThat(((ProbeOutcome.Down) outcome).reason())
        .as("%s", outcome.describe())
        .isEqualTo(reason);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

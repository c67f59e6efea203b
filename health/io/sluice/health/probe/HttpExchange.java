package io.sluice.health.probe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One HTTP probe from name resolution to verdict, on one event loop. A task on that loop is its
 * hard deadline: whatever the server does (accept and stay silent, trickle an endless body), the
 * outcome is settled by then and the channel closed. The body is read only up to {@link
 * ProbeSpec#maxBodyBytes()}, and kept only when a {@link BodyMatch} needs it; past that the channel
 * is closed instead of drained.
 *
 * <p>A channel that finished its exchange cleanly (the whole answer read, no {@code Connection:
 * close}) goes back to {@link ProbeChannels} for the target's next probe; any other is closed.
 *
 * <p>A request sent on a channel kept alive from an earlier probe can meet the server's close of
 * that idle connection, and then never reached the server's application. As HTTP clients do for
 * idempotent requests, such a request closed before any answer is sent once more, on a fresh
 * channel and within the same deadline; a close on a fresh channel is the backend's fault and reads
 * as a reset at once.
 *
 * <p>Touched only on its loop, so it needs no locks.
 */
final class HttpExchange {
  /** The methods a client may send again after an unknown outcome (RFC 9110, 9.2.2). */
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  static final String USER_AGENT = "sluice-prober";

  private final ProbeSpec spec;
  private final String userAgent;
  private final EventLoop loop;
  private final LongSupplier nanoClock;
  private final ProbeChannels channels;
  private final long startedNanos;
  private final Promise<ProbeOutcome> outcome = Promise.promise();
  private ScheduledFuture<?> deadline;
  private boolean settled;
  private boolean resolved;
  // waiting for the TLS context to be built: the prober's own work, not the backend's
  private boolean awaitingTls;
  private ChannelKey key;
  // a fresh channel being opened; null once open, or if the probe reuses a kept one
  private ChannelFuture connecting;
  // the channel carrying the request; null until connected, and again while a retry connects
  private Channel channel;
  private boolean reused;
  private boolean answered;
  // whether the answer allows another request on the channel (no Connection: close)
  private boolean keepAlive;
  // whether the whole answer has been read, so that the channel is ready for another request
  private boolean complete;
  private int bodyBytes;
  // the body prefix, only when a BodyMatch needs it
  private byte[] body;

  HttpExchange(
      ProbeSpec spec,
      String userAgent,
      EventLoop loop,
      LongSupplier nanoClock,
      ProbeChannels channels) {
    this.spec = spec;
    this.userAgent = userAgent;
    this.loop = loop;
    this.nanoClock = nanoClock;
    this.channels = channels;
    this.startedNanos = nanoClock.getAsLong();
  }

  Future<ProbeOutcome> outcome() {
    return outcome.future();
  }

  /** Starts the probe; on the loop. */
  void start(HostResolver resolver) {
    if (channels.isClosed()) {
      settle(new ProbeOutcome.Inconclusive(InconclusiveCause.NOT_MEASURED, "the prober is closed"));
      return;
    }
    deadline = loop.schedule(this::onDeadline, spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
    resolver.resolve(spec.host()).onComplete(address -> onLoop(() -> onResolved(address)));
  }

  /** Runs {@code step} on the probe's loop: now if on it, else as a task. */
  private void onLoop(Runnable step) {
    if (loop.inEventLoop()) {
      step.run();
    } else {
      loop.execute(step);
    }
  }

  private void onResolved(AsyncResult<InetAddress> address) {
    resolved = true;
    if (address.failed()) {
      settle(ProbeFailure.classify(address.cause(), false));
      return;
    }
    if (settled()) {
      return;
    }
    key = ChannelKey.of(loop, new InetSocketAddress(address.result(), spec.port()), spec);
    Channel kept = channels.take(key);
    if (kept != null) {
      send(kept, true);
    } else {
      connect();
    }
  }

  private void connect() {
    if (key.tls() == null) {
      open(null);
      return;
    }
    Future<SslContext> tls = channels.tlsContext(key.tls().settings());
    if (tls.isComplete()) {
      onTlsContext(tls);
    } else {
      awaitingTls = true;
      tls.onComplete(built -> onLoop(() -> onTlsContext(built)));
    }
  }

  private void onTlsContext(AsyncResult<SslContext> tls) {
    awaitingTls = false;
    if (settled()) {
      return;
    }
    if (tls.failed()) {
      settle(
          new ProbeOutcome.Inconclusive(InconclusiveCause.NOT_MEASURED, tls.cause().getMessage()));
    } else {
      open(tls.result());
    }
  }

  private void open(SslContext tls) {
    ChannelFuture opening = channels.connect(key, tls);
    connecting = opening;
    ScheduledFuture<?> connectTimer =
        loop.schedule(
            () -> onConnectTimeout(opening), spec.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
    opening.addListener(
        done -> {
          connectTimer.cancel(false);
          if (connecting != opening) {
            return; // settled meanwhile, and the channel closed
          }
          if (!done.isSuccess()) {
            connecting = null;
            settle(ProbeFailure.classify(done.cause(), false));
            return;
          }
          SslHandler handshaking = opening.channel().pipeline().get(SslHandler.class);
          if (handshaking == null) {
            onConnected(opening);
          } else {
            handshaking.handshakeFuture().addListener(handshake -> onHandshake(opening, handshake));
          }
        });
  }

  private void onConnectTimeout(ChannelFuture opening) {
    if (connecting == opening && !opening.isDone()) {
      settle(
          ProbeFailure.classify(
              new ConnectTimeoutException(
                  "connection timed out after "
                      + spec.connectTimeout().toMillis()
                      + " ms: "
                      + key.address()),
              false));
    }
  }

  private void onHandshake(ChannelFuture opening, io.netty.util.concurrent.Future<?> handshake) {
    if (connecting != opening) {
      return;
    }
    if (handshake.isSuccess()) {
      onConnected(opening);
    } else {
      connecting = null;
      opening.channel().close();
      settle(ProbeFailure.classify(handshake.cause(), false));
    }
  }

  private void onConnected(ChannelFuture opening) {
    connecting = null;
    send(opening.channel(), false);
  }

  private void send(Channel carrier, boolean wasKeptAlive) {
    channel = carrier;
    reused = wasKeptAlive;
    ProbeHandler handler = ProbeHandler.of(carrier);
    if (handler == null) { // closed between the take and now
      onClosed();
      return;
    }
    handler.attach(this);
    carrier
        .writeAndFlush(request())
        .addListener(
            written -> {
              if (!written.isSuccess() && channel == carrier) {
                onFailure(written.cause());
              }
            });
  }

  private FullHttpRequest request() {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(spec.method()),
            spec.path(),
            Unpooled.EMPTY_BUFFER);
    request
        .headers()
        .set(HttpHeaderNames.HOST, hostHeader())
        .set(HttpHeaderNames.USER_AGENT, userAgent);
    spec.headers().forEach(request.headers()::set);
    return request;
  }

  /** The Host header: the name and, unless it is the scheme's default, the port (RFC 9110 7.2). */
  private String hostHeader() {
    String name = spec.hostHeader().orElse(spec.host());
    if (NetUtil.isValidIpV6Address(name) && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    int defaultPort = spec.kind() == ProbeKind.HTTPS ? 443 : 80;
    return spec.port() == defaultPort ? name : name + ":" + spec.port();
  }

  /** A part of the answer; on the loop, from the channel's {@link ProbeHandler}. */
  void onMessage(HttpObject message) {
    if (settled()) {
      return;
    }
    if (message.decoderResult().isFailure()) {
      Throwable cause = message.decoderResult().cause();
      if (cause instanceof PrematureChannelClosureException) {
        onClosed();
      } else {
        onFailure(cause);
      }
      return;
    }
    if (message instanceof HttpResponse response && !onResponse(response)) {
      return;
    }
    if (message instanceof HttpContent content && answered) {
      onBody(content.content());
      if (!settled() && message instanceof LastHttpContent) {
        complete = true;
        settle(judgeBody());
      }
    }
  }

  /** Whether the answer's body, if any, is to be read. */
  private boolean onResponse(HttpResponse response) {
    int status = response.status().code();
    if (status >= 100 && status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
      return false; // an interim answer (100 Continue, 103 Early Hints); the real one follows
    }
    answered = true;
    keepAlive = HttpUtil.isKeepAlive(response);
    if (!spec.expectedStatuses().contains(status)) {
      // the body is not read, so the channel closes: it cannot carry another request
      settle(
          new ProbeOutcome.Down(
              DownReason.UNEXPECTED_STATUS,
              "status " + status + ", expected " + spec.expectedStatuses()));
      return false;
    }
    if (spec.bodyMatch().isPresent()) {
      body = new byte[Math.min(spec.maxBodyBytes(), 1024)];
    }
    return true;
  }

  private void onBody(ByteBuf chunk) {
    int room = spec.maxBodyBytes() - bodyBytes;
    int taken = Math.min(room, chunk.readableBytes());
    if (body != null && taken > 0) {
      if (body.length < bodyBytes + taken) {
        body =
            Arrays.copyOf(
                body, Math.min(spec.maxBodyBytes(), Math.max(body.length * 2, bodyBytes + taken)));
      }
      chunk.getBytes(chunk.readerIndex(), body, bodyBytes, taken);
    }
    bodyBytes += taken;
    if (chunk.readableBytes() > room) {
      settle(judgeBody()); // the rest is not read: the channel closes rather than drains
    }
  }

  private ProbeOutcome judgeBody() {
    if (spec.bodyMatch().isEmpty()) {
      return up();
    }
    String prefix = new String(body, 0, bodyBytes, StandardCharsets.UTF_8);
    BodyMatch match = spec.bodyMatch().get();
    if (match.test(prefix)) {
      return up();
    }
    return new ProbeOutcome.Down(
        DownReason.BODY_MISMATCH, "the first " + bodyBytes + " bytes of the body do not " + match);
  }

  private ProbeOutcome up() {
    return new ProbeOutcome.Up(Duration.ofNanos(nanoClock.getAsLong() - startedNanos));
  }

  /** The channel failed; on the loop. */
  void onFailure(Throwable failure) {
    failed(ProbeFailure.classify(failure, true));
  }

  /** The channel closed before the answer was complete; on the loop. */
  void onClosed() {
    failed(
        new ProbeOutcome.Down(
            DownReason.CONNECTION_RESET,
            "the connection to "
                + spec.target()
                + " closed before "
                + (answered ? "the end of the answer" : "any answer")));
  }

  private void failed(ProbeOutcome result) {
    if (settled()) {
      return;
    }
    if (reused && !answered && isReset(result) && IDEMPOTENT.contains(spec.method())) {
      // the server dropped the kept-alive connection under the request: once more, fresh
      Channel dropped = channel;
      channel = null;
      reused = false;
      release(dropped, false);
      connect();
    } else {
      settle(result);
    }
  }

  private static boolean isReset(ProbeOutcome result) {
    return result instanceof ProbeOutcome.Down down && down.reason() == DownReason.CONNECTION_RESET;
  }

  private void onDeadline() {
    if (!resolved) {
      settle(ProbeFailure.notResolvedInTime(spec));
    } else if (awaitingTls) {
      settle(
          new ProbeOutcome.Inconclusive(
              InconclusiveCause.NOT_MEASURED,
              "the TLS settings for "
                  + spec.target()
                  + " were not loaded within "
                  + spec.timeout().toMillis()
                  + " ms"));
    } else if (channel == null) {
      settle(ProbeFailure.noConnectionInTime(spec));
    } else {
      settle(
          new ProbeOutcome.Down(
              DownReason.READ_TIMEOUT,
              "no complete answer from "
                  + spec.target()
                  + " within "
                  + spec.timeout().toMillis()
                  + " ms"));
    }
  }

  private boolean settled() {
    return settled;
  }

  private void settle(ProbeOutcome result) {
    if (settled) {
      return;
    }
    // first, as closing a channel below calls back into this exchange
    settled = true;
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (connecting != null) {
      Channel opening = connecting.channel();
      connecting = null;
      opening.close();
    }
    if (channel != null) {
      Channel used = channel;
      channel = null;
      // given back before the outcome completes, so the target's next probe finds it
      release(used, complete && keepAlive);
    }
    outcome.complete(result);
  }

  /** Detaches from the channel, and keeps it for the next probe or closes it. */
  private void release(Channel used, boolean reusable) {
    ProbeHandler handler = ProbeHandler.of(used);
    if (handler != null) {
      handler.detach();
    }
    if (reusable) {
      channels.giveBack(used);
    } else {
      used.close();
    }
  }
}

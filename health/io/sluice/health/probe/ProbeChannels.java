package io.sluice.health.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP prober's channels: opens them (TLS, Netty's HTTP/1.1 codec and a {@link ProbeHandler})
 * and keeps at most one idle channel per {@link ChannelKey} between probes.
 *
 * <p>Bounded: the map holds only idle, open channels. A channel leaves it when a probe takes it,
 * when it closes (the server's close), when it has been idle too long, or when the prober closes; a
 * channel in use is owned by its probe, which either gives it back or closes it when it settles. A
 * second probe of a key while its channel is in use opens a channel of its own (two checks of one
 * address never wait for each other); whichever is given back second is closed.
 *
 * <p>Idle channels are closed by one sweep over the map, not by a timer (Netty's {@code
 * IdleStateHandler}) per channel: at ten thousand targets the handler, its context and its
 * scheduled task were about 260 bytes per target, and every byte counts against the prober's budget
 * of 4 KB per target (BENCHMARKS.md).
 */
final class ProbeChannels {
  private final ChannelFactory<? extends Channel> channelFactory;
  private final LongSupplier nanoClock;
  private final long keepAliveNanos;
  private final Map<ChannelKey, Channel> idle = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> sweep;
  // one per distinct TLS setting in the config
  private final Map<ChannelKey.TlsSettings, Future<SslContext>> tlsContexts =
      new ConcurrentHashMap<>();
  private final Vertx vertx;
  private volatile boolean closed;

  /**
   * @param keepAlive an idle channel is closed after this long, at most half as long again (the
   *     sweep's period), before typical servers and load balancers drop it themselves
   * @param sweeper the loop that runs the sweep
   */
  ProbeChannels(
      Vertx vertx,
      ChannelFactory<? extends Channel> channelFactory,
      LongSupplier nanoClock,
      Duration keepAlive,
      EventLoop sweeper) {
    this.vertx = vertx;
    this.channelFactory = channelFactory;
    this.nanoClock = nanoClock;
    this.keepAliveNanos = keepAlive.toNanos();
    long period = Math.max(1, keepAliveNanos / 2);
    this.sweep = sweeper.scheduleAtFixedRate(this::closeIdle, period, period, TimeUnit.NANOSECONDS);
  }

  /** An idle open channel for {@code key}, now the caller's, or null. */
  Channel take(ChannelKey key) {
    Channel channel = idle.remove(key);
    if (channel != null && !channel.isActive()) {
      channel.close();
      return null;
    }
    return channel;
  }

  /** Keeps a channel that finished an exchange cleanly for the next probe of its key. */
  void giveBack(Channel channel) {
    ProbeHandler handler = ProbeHandler.of(channel);
    if (handler == null) {
      channel.close();
      return;
    }
    ChannelKey key = handler.key();
    handler.idleSince(nanoClock.getAsLong()); // written before the put, read after a get
    if (closed || !channel.isActive() || idle.putIfAbsent(key, channel) != null) {
      channel.close();
    } else if (closed && idle.remove(key, channel)) {
      channel.close(); // the prober closed while this one was being put back
    }
  }

  /**
   * Opens a channel for {@code key} on its loop, with no connect timeout of its own: Netty's would
   * stay referenced from the channel after the connect, about 90 bytes per target, so the caller
   * times the connect.
   *
   * @param tls the key's TLS context ({@link #tlsContext}), or null for plain HTTP
   */
  ChannelFuture connect(ChannelKey key, SslContext tls) {
    return new Bootstrap()
        .group(key.loop())
        .channelFactory(channelFactory)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(initializer(key, tls, idle))
        .connect(key.address());
  }

  /** Static, so that what the channel keeps (its close listener) holds no initializer. */
  private static ChannelInitializer<Channel> initializer(
      ChannelKey key, SslContext tls, Map<ChannelKey, Channel> idle) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
          pipeline.addLast(tlsHandler(tls, channel, key));
        }
        pipeline.addLast(new HttpClientCodec());
        pipeline.addLast(new ProbeHandler(key));
        channel.closeFuture().addListener(forget(key, channel, idle));
      }
    };
  }

  /**
   * The name is both the SNI and what the certificate must name. The JDK sends SNI by itself only
   * for names with a dot; a probe sends it for any name but an address literal, as browsers and
   * Vert.x's forced SNI do, so that a server choosing its certificate by name (say {@code
   * localhost}, or a single-label internal name) sees it.
   */
  private static SslHandler tlsHandler(SslContext tls, Channel channel, ChannelKey key) {
    String serverName = key.tls().serverName();
    SslHandler handler = tls.newHandler(channel.alloc(), serverName, key.address().getPort());
    if (!NetUtil.isValidIpV4Address(serverName) && !NetUtil.isValidIpV6Address(serverName)) {
      SSLEngine engine = handler.engine();
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(serverName)));
      engine.setSSLParameters(parameters);
    }
    return handler;
  }

  private static ChannelFutureListener forget(
      ChannelKey key, Channel channel, Map<ChannelKey, Channel> idle) {
    return closed -> idle.remove(key, channel);
  }

  /** Closes the channels idle for longer than the keep-alive time. */
  private void closeIdle() {
    long now = nanoClock.getAsLong();
    idle.forEach(
        (key, channel) -> {
          ProbeHandler handler = ProbeHandler.of(channel);
          if ((handler == null || now - handler.idleSince() > keepAliveNanos)
              && idle.remove(key, channel)) {
            channel.close();
          }
        });
  }

  /** Closes every idle channel; channels in use close when their probes settle. */
  Future<Void> close() {
    closed = true;
    sweep.cancel(false);
    List<Future<Void>> closing = new ArrayList<>();
    for (Channel channel : idle.values()) {
      Promise<Void> done = Promise.promise();
      channel.close().addListener(closed -> done.complete());
      closing.add(done.future());
    }
    idle.clear();
    return Future.join(closing).mapEmpty();
  }

  boolean isClosed() {
    return closed;
  }

  /** How many idle channels are kept; for tests. */
  int keptCount() {
    return idle.size();
  }

  /**
   * The TLS context for these settings, built once on a worker thread: reading PEM files and the
   * JDK's trust store blocks, and took over a second on a busy machine, too long to stall an event
   * loop that probes thousands of targets. A failed build is not kept, so that the next probe tries
   * again (a certificate file put in place later).
   */
  Future<SslContext> tlsContext(ChannelKey.TlsSettings settings) {
    return tlsContexts.computeIfAbsent(
        settings,
        key -> {
          Future<SslContext> built = vertx.executeBlocking(() -> buildTlsContext(key), false);
          built.onFailure(failed -> tlsContexts.remove(key, built));
          return built;
        });
  }

  private static SslContext buildTlsContext(ChannelKey.TlsSettings settings) {
    SslContextBuilder builder = SslContextBuilder.forClient();
    try {
      if (settings.verify()) {
        builder.endpointIdentificationAlgorithm("HTTPS");
        settings.trustedCertificates().ifPresent(pem -> builder.trustManager(pem.toFile()));
      } else {
        builder
            .endpointIdentificationAlgorithm(null)
            .trustManager(InsecureTrustManagerFactory.INSTANCE);
      }
      if (settings.clientCertificate().isPresent()) {
        builder.keyManager(
            settings.clientCertificate().get().toFile(),
            settings.clientKey().orElseThrow().toFile());
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot build the TLS context"
              + settings.trustedCertificates().map(pem -> " trusting " + pem).orElse("")
              + settings
                  .clientCertificate()
                  .map(pem -> " with the client certificate " + pem)
                  .orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}

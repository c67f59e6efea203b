package io.sluice.health.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The HTTP prober's channels: opens them (TLS, Netty's HTTP/1.1 codec, an idle timer and a {@link
 * ProbeHandler}) and keeps at most one idle channel per {@link ChannelKey} between probes.
 *
 * <p>Bounded: the map holds only idle, open channels. A channel leaves it when a probe takes it,
 * when it closes (the server's close, the idle timer's), or when the prober closes; a channel in
 * use is owned by its probe, which either gives it back or closes it when it settles. A second
 * probe of a key while its channel is in use opens a channel of its own (two checks of one address
 * never wait for each other); whichever is given back second is closed.
 */
final class ProbeChannels {
  private final ChannelFactory<? extends Channel> channelFactory;
  private final long idleMillis;
  private final Map<ChannelKey, Channel> idle = new ConcurrentHashMap<>();
  // one per distinct trust setting in the config
  private final Map<ChannelKey.TlsTrust, SslContext> tlsContexts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param idleMillis an idle channel is closed after this long, before typical servers and load
   *     balancers drop it themselves
   */
  ProbeChannels(ChannelFactory<? extends Channel> channelFactory, long idleMillis) {
    this.channelFactory = channelFactory;
    this.idleMillis = idleMillis;
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
  void giveBack(ChannelKey key, Channel channel) {
    if (closed || !channel.isActive() || idle.putIfAbsent(key, channel) != null) {
      channel.close();
    } else if (closed && idle.remove(key, channel)) {
      channel.close(); // the prober closed while this one was being put back
    }
  }

  /**
   * Opens a channel for {@code key} on its loop.
   *
   * @throws IllegalStateException if the spec's trusted certificates cannot be loaded
   */
  ChannelFuture connect(ChannelKey key, ProbeSpec spec) {
    SslContext tls = key.tls() == null ? null : tlsContext(key.tls().trust());
    return new Bootstrap()
        .group(key.loop())
        .channelFactory(channelFactory)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) spec.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                if (tls != null) {
                  // the name is both SNI and what the certificate must name
                  pipeline.addLast(
                      tls.newHandler(
                          channel.alloc(), key.tls().serverName(), key.address().getPort()));
                }
                pipeline.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
                pipeline.addLast(new HttpClientCodec());
                pipeline.addLast(new ProbeHandler());
                channel.closeFuture().addListener(closed -> idle.remove(key, channel));
              }
            })
        .connect(key.address());
  }

  /** Closes every idle channel; channels in use close when their probes settle. */
  Future<Void> close() {
    closed = true;
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

  private SslContext tlsContext(ChannelKey.TlsTrust trust) {
    return tlsContexts.computeIfAbsent(trust, ProbeChannels::buildTlsContext);
  }

  private static SslContext buildTlsContext(ChannelKey.TlsTrust trust) {
    SslContextBuilder builder = SslContextBuilder.forClient();
    if (trust.verify()) {
      builder.endpointIdentificationAlgorithm("HTTPS");
      trust.trustedCertificates().ifPresent(pem -> builder.trustManager(pem.toFile()));
    } else {
      builder
          .endpointIdentificationAlgorithm(null)
          .trustManager(InsecureTrustManagerFactory.INSTANCE);
    }
    try {
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot build the TLS context"
              + trust.trustedCertificates().map(pem -> " trusting " + pem).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}

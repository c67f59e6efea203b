package io.sluice.health.probe;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;

/**
 * The last handler of a probe channel: hands the decoded answer, errors and the close to the
 * exchange using the channel, if any. An idle channel that hears from the server (a late byte, a
 * {@code 408} before its close) or fails is closed: it is no use for the next probe. It also holds
 * what {@link ProbeChannels} needs to know of the channel, so that a channel costs no map entry or
 * wrapper beyond its pipeline.
 */
final class ProbeHandler extends SimpleChannelInboundHandler<HttpObject> {
  private final ChannelKey key;
  // the exchange the channel serves; null while idle. Touched only on the channel's loop.
  private HttpExchange exchange;
  // when the channel was last given back; see ProbeChannels for who reads it
  private long idleSinceNanos;

  ProbeHandler(ChannelKey key) {
    this.key = key;
  }

  /** The channel's handler; null once the channel is closed and its pipeline torn down. */
  static ProbeHandler of(Channel channel) {
    return channel.pipeline().get(ProbeHandler.class);
  }

  ChannelKey key() {
    return key;
  }

  long idleSince() {
    return idleSinceNanos;
  }

  void idleSince(long nanos) {
    idleSinceNanos = nanos;
  }

  void attach(HttpExchange exchange) {
    this.exchange = exchange;
  }

  void detach() {
    exchange = null;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
    if (exchange != null) {
      exchange.onMessage(message);
    } else {
      context.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (exchange != null) {
      exchange.onClosed();
    }
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (exchange != null) {
      exchange.onFailure(cause);
    }
    context.close();
  }
}

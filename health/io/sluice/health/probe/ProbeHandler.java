package io.sluice.health.probe;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last handler of a probe channel: hands the decoded answer, errors and the close to the
 * exchange using the channel, if any. An idle channel that hears from the server (a late byte, a
 * {@code 408} before its close), fails or stays idle past its time is closed: it is no use for the
 * next probe.
 */
final class ProbeHandler extends SimpleChannelInboundHandler<HttpObject> {
  // the exchange the channel serves; null while idle. Touched only on the channel's loop.
  private HttpExchange exchange;

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

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (event instanceof IdleStateEvent && exchange == null) {
      context.close();
    }
    context.fireUserEventTriggered(event);
  }
}

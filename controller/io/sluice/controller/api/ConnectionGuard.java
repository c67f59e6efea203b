package io.sluice.controller.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an idle or slow client may hold of the API's listener, which also serves {@code /healthz},
 * {@code /readyz} and {@code /metrics}. Every connection has one deadline: while it waits for a
 * request head (from its opening, and again once each answer has ended), {@code headerTimeout}, so
 * a client that never finishes its headers (slowloris) is closed; once a head has arrived, {@code
 * requestTimeout} for the body to be read and the answer sent. At most {@code maxConnections} are
 * open: a new one past the bound closes the oldest connection still waiting for a head (an idle or
 * a slow one, which has sent nothing the API is working on), so a crowd of idle connections cannot
 * lock the health checks out; only when every connection is busy with a request is the new one
 * closed instead. TLS connections are counted once their handshake is done; before, the idle
 * timeout and the handshake timeout bound them. Everything runs on the daemon's context, where the
 * server listens, so no lock is needed.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final int WARN_EVERY = 1000;

  private final Vertx vertx;
  private final int maxConnections;
  private final long headerMillis;
  private final long requestMillis;

  /** Every open connection and the timer of its deadline. */
  private final Map<HttpConnection, Long> deadlines = new HashMap<>();

  /** The open connections waiting for a request head, longest waiting first. */
  private final Set<HttpConnection> waiting = new LinkedHashSet<>();

  private long closedAtBound;

  ConnectionGuard(
      Vertx vertx, int maxConnections, Duration headerTimeout, Duration requestTimeout) {
    this.vertx = vertx;
    this.maxConnections = maxConnections;
    this.headerMillis = Math.max(1, headerTimeout.toMillis());
    this.requestMillis = Math.max(1, requestTimeout.toMillis());
  }

  /** The server's connection handler. */
  void connected(HttpConnection connection) {
    if (deadlines.size() >= maxConnections && !closeOldestWaiting()) {
      atBound("closed the new connection: every open one is busy with a request");
      connection.close();
      return;
    }
    connection.closeHandler(closed -> forget(connection));
    awaitHead(connection);
  }

  /** The server's request handler, before the router: a request head has arrived. */
  Handler<HttpServerRequest> requests(Handler<HttpServerRequest> router) {
    return request -> {
      HttpConnection connection = request.connection();
      if (deadlines.containsKey(connection)) {
        waiting.remove(connection);
        deadline(connection, requestMillis);
      }
      router.handle(request);
    };
  }

  /**
   * The router's first handler (a platform handler may come before the body handler): once the
   * answer has ended, the connection waits for its next head.
   */
  PlatformHandler answers() {
    return ctx -> {
      HttpConnection connection = ctx.request().connection();
      ctx.addEndHandler(
          ended -> {
            if (deadlines.containsKey(connection)) {
              awaitHead(connection);
            }
          });
      ctx.next();
    };
  }

  /** How many connections are open, for tests. */
  int open() {
    return deadlines.size();
  }

  private void awaitHead(HttpConnection connection) {
    waiting.remove(connection);
    waiting.add(connection);
    deadline(connection, headerMillis);
  }

  private void deadline(HttpConnection connection, long millis) {
    Long previous = deadlines.put(connection, vertx.setTimer(millis, t -> expired(connection)));
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void expired(HttpConnection connection) {
    boolean head = waiting.contains(connection);
    forget(connection);
    LOG.debug(
        "closed the API connection from {}: {}",
        connection.remoteAddress(),
        head ? "no complete request head within the header timeout" : "request not done in time");
    connection.close();
  }

  private boolean closeOldestWaiting() {
    Iterator<HttpConnection> oldest = waiting.iterator();
    if (!oldest.hasNext()) {
      return false;
    }
    HttpConnection victim = oldest.next();
    forget(victim);
    victim.close();
    atBound("closed the connection that had waited longest for a request head");
    return true;
  }

  private void forget(HttpConnection connection) {
    waiting.remove(connection);
    Long timer = deadlines.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  /** A WARN the first time and every thousandth: an attack must not flood the log too. */
  private void atBound(String what) {
    if (closedAtBound++ % WARN_EVERY == 0) {
      LOG.warn(
          "the API is at api.maxConnections ({}): {} ({} closed at the bound so far)",
          maxConnections,
          what,
          closedAtBound);
    }
  }
}

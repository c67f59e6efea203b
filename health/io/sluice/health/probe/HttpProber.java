package io.sluice.health.probe;

import io.netty.channel.EventLoop;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * Active HTTP and HTTPS probes over Netty's HTTP/1.1 codec on the Vert.x event loops, one
 * kept-alive channel per target, so that steady probing costs no new connection (and no TLS
 * handshake) per probe, the way HAProxy's checks stay cheap. A request that a server's close of its
 * kept-alive connection cuts off is sent once more on a fresh connection (see {@link
 * HttpExchange}), so that race never reads as a reset.
 *
 * <p>Why not Vert.x's HttpClient: its pooled connections cost about 14 KB of heap per target (two
 * 1,024-slot queues per endpoint and connection, contexts, pool slots), over three times the 4 KB
 * per target the prober may spend at 10,000 targets (BENCHMARKS.md). A bare channel with the codec
 * costs a fraction of that.
 *
 * <p>A probe runs on its caller's event loop (the scheduler's lane), and so does its channel: a
 * target, pinned to one lane, keeps one channel on that loop. Callers off any event loop share one
 * loop of the Vert.x instance.
 *
 * <p>Every probe settles within the spec's total timeout, and a failure says what kind of failure
 * it was ({@link ProbeFailure}): a refused connection, a reset, a silent server and a failed
 * handshake are different faults to the operator. A failure of the prober's own resolver reads
 * Inconclusive, never Down.
 */
public final class HttpProber implements Prober {
  /**
   * An idle channel closes after this long: before typical servers and load balancers drop it
   * (nginx 75 s, most CLB/ELB 60 s), as a probe sent on a connection the server has just closed
   * costs a retry. Probes a second or a few apart never let it idle that long.
   */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  private final LongSupplier nanoClock;
  private final String userAgent;
  private final HostResolver resolver;
  private final ProbeChannels channels;
  private final EventLoop offLoopCallers;

  public HttpProber(Vertx vertx, LongSupplier nanoClock) {
    this(vertx, nanoClock, HostResolver.system(vertx));
  }

  public HttpProber(Vertx vertx, LongSupplier nanoClock, HostResolver resolver) {
    this(vertx, nanoClock, resolver, KEEP_ALIVE, HttpExchange.USER_AGENT);
  }

  /**
   * A prober whose requests name the vantage point they come from in their {@code User-Agent}
   * ({@link #userAgent}), so a backend's logs (and the sandbox's per-vantage loss) can tell the
   * replicas' probes apart.
   */
  public HttpProber(Vertx vertx, LongSupplier nanoClock, String vantage) {
    this(vertx, nanoClock, HostResolver.system(vertx), KEEP_ALIVE, userAgent(vantage));
  }

  HttpProber(Vertx vertx, LongSupplier nanoClock, HostResolver resolver, Duration keepAlive) {
    this(vertx, nanoClock, resolver, keepAlive, HttpExchange.USER_AGENT);
  }

  private HttpProber(
      Vertx vertx,
      LongSupplier nanoClock,
      HostResolver resolver,
      Duration keepAlive,
      String userAgent) {
    VertxInternal internal = (VertxInternal) vertx;
    this.nanoClock = nanoClock;
    this.userAgent = userAgent;
    this.resolver = resolver;
    this.offLoopCallers = (EventLoop) internal.nettyEventLoopGroup().next();
    this.channels =
        new ProbeChannels(
            vertx,
            internal.transport().channelFactory(false),
            nanoClock,
            keepAlive,
            offLoopCallers);
  }

  @Override
  public Future<ProbeOutcome> probe(ProbeSpec spec) {
    if (spec.kind() == ProbeKind.TCP) {
      throw new IllegalArgumentException("HttpProber probes HTTP and HTTPS, got a TCP spec");
    }
    EventLoop loop = callerLoop();
    HttpExchange exchange = new HttpExchange(spec, userAgent, loop, nanoClock, channels);
    if (loop.inEventLoop()) {
      exchange.start(resolver);
    } else {
      try {
        loop.execute(() -> exchange.start(resolver));
      } catch (RejectedExecutionException e) {
        return Future.succeededFuture(
            new ProbeOutcome.Inconclusive(
                InconclusiveCause.NOT_MEASURED, "the prober's event loop is shut down"));
      }
    }
    return exchange.outcome();
  }

  /** {@code sluice-prober (vantage <name>)}: what a probe from that vantage point sends. */
  public static String userAgent(String vantage) {
    return HttpExchange.USER_AGENT + " (vantage " + vantage + ")";
  }

  /** Closes the kept-alive channels; probes in flight close theirs when they settle. */
  @Override
  public Future<Void> close() {
    return channels.close();
  }

  /** How many idle channels are kept for the next probes; for tests. */
  int keptAliveChannels() {
    return channels.keptCount();
  }

  private EventLoop callerLoop() {
    ContextInternal context = ContextInternal.current();
    if (context != null && context.isEventLoopContext() && context.nettyEventLoop().inEventLoop()) {
      return context.nettyEventLoop();
    }
    return offLoopCallers;
  }
}

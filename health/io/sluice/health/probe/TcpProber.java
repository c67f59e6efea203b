package io.sluice.health.probe;

import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Active TCP probes: Up when a connection opens, which is all a layer-4 check (a CLB TCP listener,
 * HAProxy's plain {@code check}) can know. The connection is closed at once. A timer bounds the
 * probe by its total timeout; a deadline passed while still resolving the name is the prober's
 * resolver, Inconclusive, not the backend.
 */
public final class TcpProber implements Prober {
  private final Vertx vertx;
  private final NetClient client;
  private final LongSupplier nanoClock;
  private final HostResolver resolver;

  public TcpProber(Vertx vertx, LongSupplier nanoClock) {
    this(vertx, nanoClock, HostResolver.system(vertx));
  }

  public TcpProber(Vertx vertx, LongSupplier nanoClock, HostResolver resolver) {
    this.vertx = vertx;
    this.nanoClock = nanoClock;
    this.resolver = resolver;
    this.client = vertx.createNetClient(new NetClientOptions());
  }

  @Override
  public Future<ProbeOutcome> probe(ProbeSpec spec) {
    long startedNanos = nanoClock.getAsLong();
    Promise<ProbeOutcome> outcome = Promise.promise();
    boolean[] resolved = {false};
    long deadline =
        vertx.setTimer(
            spec.timeout().toMillis(),
            id ->
                outcome.tryComplete(
                    resolved[0]
                        ? ProbeFailure.noConnectionInTime(spec)
                        : ProbeFailure.notResolvedInTime(spec)));
    resolver
        .resolve(spec.host())
        .compose(
            address -> {
              resolved[0] = true;
              return client.connect(
                  new ConnectOptions()
                      .setRemoteAddress(
                          SocketAddress.inetSocketAddress(
                              new InetSocketAddress(address, spec.port())))
                      .setTimeout((int) spec.connectTimeout().toMillis()));
            })
        .onComplete(
            connected -> {
              vertx.cancelTimer(deadline);
              if (connected.succeeded()) {
                connected.result().close();
                outcome.tryComplete(
                    new ProbeOutcome.Up(Duration.ofNanos(nanoClock.getAsLong() - startedNanos)));
              } else {
                outcome.tryComplete(ProbeFailure.classify(connected.cause(), false));
              }
            });
    return outcome.future();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}

package io.sluice.health.probe;

import static io.sluice.health.probe.HttpProberIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.health.DownReason;
import io.sluice.health.InconclusiveCause;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP probes against loopback: a connection that opens is Up, a refused one is Down. */
final class TcpProberIT {
  private Vertx vertx;
  private TcpProber prober;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    prober = new TcpProber(vertx, System::nanoTime);
  }

  @AfterEach
  void stop() throws Exception {
    await(prober.close());
    await(vertx.close());
  }

  @Test
  void readsUpWhenTheConnectionOpens() throws Exception {
    int port =
        await(vertx.createNetServer().connectHandler(socket -> {}).listen(0, "127.0.0.1"))
            .actualPort();

    assertThat(await(prober.probe(spec(port)))).isInstanceOf(ProbeOutcome.Up.class);
  }

  @Test
  void readsConnectionRefusedWhenNothingListens() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      ProbeOutcome outcome = await(prober.probe(spec(closed.port())));

      assertThat(outcome).isInstanceOf(ProbeOutcome.Down.class);
      assertThat(((ProbeOutcome.Down) outcome).reason()).isEqualTo(DownReason.CONNECTION_REFUSED);
    }
  }

  @Test
  void readsInconclusiveLocalResolverWhenTheNameDoesNotResolve() throws Exception {
    ProbeOutcome outcome =
        await(
            prober.probe(
                ProbeSpec.tcp("nonexistent.invalid", 80)
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
    TcpProber stalled =
        new TcpProber(vertx, System::nanoTime, host -> Promise.<InetAddress>promise().future());

    ProbeOutcome outcome = await(stalled.probe(ProbeSpec.tcp("backend.internal", 22).build()));
    await(stalled.close());

    assertThat(outcome.describe())
        .isEqualTo("INCONCLUSIVE LOCAL_RESOLVER: 'backend.internal' not resolved within 1000 ms");
  }

  private static ProbeSpec spec(int port) {
    return ProbeSpec.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(2)).build();
  }
}

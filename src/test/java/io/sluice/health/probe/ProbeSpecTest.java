package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ProbeSpecTest {

  @Test
  void defaultsToAGetOfTheRootExpectingSuccessOrRedirectWithVerifiedTls() {
    ProbeSpec spec = ProbeSpec.https("10.0.1.1", 443).build();

    assertThat(spec.method()).isEqualTo("GET");
    assertThat(spec.path()).isEqualTo("/");
    assertThat(spec.expectedStatuses().contains(204)).isTrue();
    assertThat(spec.expectedStatuses().contains(503)).isFalse();
    assertThat(spec.tlsVerify()).isTrue();
    assertThat(spec.interval()).isEqualTo(ProbeSpec.DEFAULT_INTERVAL);
  }

  @Test
  void checksTlsAgainstTheSniThenTheHostHeaderThenTheHost() {
    assertThat(ProbeSpec.https("10.0.1.1", 443).build().tlsServerName()).isEqualTo("10.0.1.1");
    assertThat(ProbeSpec.https("10.0.1.1", 443).hostHeader("shop").build().tlsServerName())
        .isEqualTo("shop");
    assertThat(
            ProbeSpec.https("10.0.1.1", 443).hostHeader("shop").sni("edge").build().tlsServerName())
        .isEqualTo("edge");
  }

  @Test
  void namesEveryInvalidFieldAtOnce() {
    assertThatThrownBy(
            () ->
                ProbeSpec.http("10.0.1.1", 0)
                    .path("healthz")
                    .timeout(Duration.ofSeconds(5))
                    .interval(Duration.ofSeconds(2))
                    .jitterFraction(0.9)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port: must be 1-65535, got 0")
        .hasMessageContaining("path: must start with '/', got 'healthz'")
        .hasMessageContaining("timeout: must be at most the interval PT2S, got PT5S")
        .hasMessageContaining("jitterFraction: must be 0-0.5, got 0.9");
  }

  @Test
  void aFastProbeHasItsOwnTimeoutAtMostTheFastIntervalByDefaultTheShorterOfTheTwo() {
    ProbeSpec.Builder probe =
        ProbeSpec.http("10.0.1.1", 80)
            .interval(Duration.ofSeconds(1))
            .timeout(Duration.ofMillis(900))
            .connectTimeout(Duration.ofMillis(500))
            .fastInterval(Duration.ofMillis(200));

    ProbeSpec byDefault = probe.build();
    ProbeSpec own = probe.fastTimeout(Duration.ofMillis(150)).build();

    assertThat(byDefault.timeout()).isEqualTo(Duration.ofMillis(900));
    assertThat(byDefault.fast().timeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(byDefault.fast().connectTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(own.fast().timeout()).isEqualTo(Duration.ofMillis(150));
    ProbeSpec slowOnly = ProbeSpec.http("10.0.1.1", 80).build();
    assertThat(slowOnly.fast()).isSameAs(slowOnly);
    assertThatThrownBy(() -> probe.fastTimeout(Duration.ofMillis(300)).build())
        .hasMessageContaining("fastTimeout: must be at most the fast interval PT0.2S, got PT0.3S");
  }

  @Test
  void rejectsAConnectTimeoutLongerThanTheTotalTimeout() {
    assertThatThrownBy(
            () -> ProbeSpec.tcp("10.0.1.1", 22).connectTimeout(Duration.ofSeconds(2)).build())
        .hasMessageContaining("connectTimeout: must be at most timeout PT1S, got PT2S");
  }

  @Test
  void describesStatusRangesTheWayOperatorsWriteThem() {
    StatusRanges ranges =
        StatusRanges.of(new StatusRanges.Range(200, 299), new StatusRanges.Range(302, 302));

    assertThat(ranges).hasToString("200-299,302");
    assertThat(ranges.contains(302)).isTrue();
    assertThat(ranges.contains(301)).isFalse();
  }
}

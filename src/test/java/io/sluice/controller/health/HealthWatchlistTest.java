package io.sluice.controller.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.cloud.ClbRule;
import io.sluice.cloud.FunctionRef;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.health.BackendRule;
import io.sluice.health.CheckThresholds;
import io.sluice.health.Composition;
import io.sluice.health.CorrelationGuard;
import io.sluice.health.VantagePoints;
import io.sluice.health.monitor.BackendWatch;
import io.sluice.health.monitor.CloudSignal;
import io.sluice.health.monitor.LoadWatch;
import io.sluice.health.monitor.ProbeWatch;
import io.sluice.health.monitor.SignalWatch;
import io.sluice.health.monitor.Watchlist;
import io.sluice.health.probe.ProbeKind;
import io.sluice.health.probe.ProbeSpec;
import io.sluice.health.signal.RuleTraffic;
import io.sluice.policies.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class HealthWatchlistTest {

  private static SluiceConfig load(String yaml) throws Exception {
    return new ConfigLoader(name -> null).parse("test.yaml", yaml);
  }

  private static SluiceConfig sandboxDemo() throws Exception {
    return load(Files.readString(Path.of("examples", "sandbox-demo.yaml")));
  }

  @Test
  void mapsEachBackendProbeOfTheSandboxDemoToItsSpecAndThresholds() throws Exception {
    Watchlist watchlist = HealthWatchlist.from(sandboxDemo());

    assertThat(watchlist.services()).containsOnlyKeys("demo");
    Map<Backend, BackendWatch> backends = watchlist.services().get("demo");
    assertThat(backends).containsOnlyKeys(Backend.CVM, Backend.SCF);
    assertProbedAt(backends.get(Backend.CVM), 18080, "health.demo.sluice.local");
    assertProbedAt(backends.get(Backend.SCF), 18081, "demo.sluice.local");
  }

  @Test
  void takesTheDefaultRuleAndCorrelationWindowOfTheSandboxDemo() throws Exception {
    Watchlist watchlist = HealthWatchlist.from(sandboxDemo());

    for (BackendWatch backend : watchlist.services().get("demo").values()) {
      assertThat(backend.rule())
          .isEqualTo(new BackendRule(Composition.all(), Set.of(), BackendRule.DEFAULT_QUORUM));
    }
    assertThat(watchlist.guard()).isEqualTo(new CorrelationGuard(Duration.ofSeconds(2)));
    assertThat(watchlist.sentinels()).isEmpty();
  }

  @Test
  void probesFromTheFirstVantagePoint() throws Exception {
    assertThat(HealthWatchlist.localVantage(sandboxDemo())).isEqualTo("a");
  }

  @Test
  void aReplicaProbesFromItsOwnVantagePointAndTakesTheOthersReports() throws Exception {
    VantagePoints vantages =
        HealthWatchlist.vantagePoints(sandboxDemo(), "b", Duration.ofSeconds(7));

    assertThat(vantages)
        .isEqualTo(new VantagePoints(List.of("a", "b"), "b", Duration.ofSeconds(7)));
    assertThatThrownBy(
            () -> HealthWatchlist.vantagePoints(sandboxDemo(), "z", Duration.ofSeconds(7)))
        .hasMessageContaining("controller.vantagePoints [a, b] must name every replica")
        .hasMessageContaining("('z')");
  }

  @Test
  void mapsSentinelsToTheirOwnTargetAndAHealthRuleToItsQuorum() throws Exception {
    String yaml =
        Files.readString(Path.of("examples", "sandbox-demo.yaml"))
            .replace(
                "  correlationWindow: 2s",
                String.join(
                    "\n",
                    "  sentinels:",
                    "    - name: public-dns",
                    "      probe: { name: dns, type: tcp, target: '119.29.29.29:53', fall: 4 }",
                    "  correlationWindow: 3s"))
            .replace(
                "            rise: 2                 # UP after 2 passes in a row (2s)",
                String.join(
                    "\n",
                    "            rise: 2",
                    "        health:",
                    "          mustPass: [http]",
                    "          quorum: 0.5"));
    Watchlist watchlist = HealthWatchlist.from(load(yaml));

    assertThat(watchlist.sentinels()).hasSize(1);
    ProbeWatch sentinel = watchlist.sentinels().getFirst();
    assertThat(sentinel.name()).isEqualTo("public-dns");
    assertThat(sentinel.spec().kind()).isEqualTo(ProbeKind.TCP);
    assertThat(sentinel.spec().target()).isEqualTo("119.29.29.29:53");
    assertThat(sentinel.thresholds()).isEqualTo(new CheckThresholds(4, 2));
    assertThat(watchlist.guard().window()).isEqualTo(Duration.ofSeconds(3));
    BackendRule cvm = watchlist.services().get("demo").get(Backend.CVM).rule();
    assertThat(cvm.quorum()).isEqualTo(0.5);
    assertThat(cvm.mustPass()).containsExactly("http");
  }

  private static void assertProbedAt(BackendWatch backend, int port, String host) {
    assertThat(backend.checks()).extracting(ProbeWatch::name).containsExactly("http");
    ProbeWatch http = backend.checks().getFirst();
    assertThat(http.thresholds()).isEqualTo(new CheckThresholds(3, 2));
    ProbeSpec spec = http.spec();
    assertThat(spec.kind()).isEqualTo(ProbeKind.HTTP);
    assertThat(spec.target()).isEqualTo("127.0.0.1:" + port);
    assertThat(spec.hostHeader()).isEqualTo(Optional.of(host));
    assertThat(spec.path()).isEqualTo("/healthz");
    assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(spec.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(http.checkSpec().staleAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void mapsSignalsToDownOnlyChecksOfTheirRuleAndLoadToACloudMonitorQuery() throws Exception {
    String yaml =
        Files.readString(Path.of("examples", "sandbox-demo.yaml"))
            .replace(
                "            rise: 2                 # UP after 2 passes in a row (2s)",
                String.join(
                    "\n",
                    "            rise: 2",
                    "        signals:",
                    "          clbTargetHealth: { interval: 5s, fall: 3 }",
                    "          instanceState: {}",
                    "          load: { period: 5m }"))
            .replace(
                "        function: { name: demo-fallback }",
                "        function: { name: demo-fallback }\n        signals: { functionState: {} }");

    Map<Backend, BackendWatch> backends = HealthWatchlist.from(load(yaml)).services().get("demo");

    // the demo's CVM rule is named by domain and url, its SCF rule by locationId
    ClbRule cvmRule = ClbRule.byDomain("lb-sandbox1", "lbl-sandbox1", "demo.sluice.local", "/");
    BackendWatch cvm = backends.get(Backend.CVM);
    assertThat(cvm.signals())
        .containsExactly(
            new SignalWatch(
                "clb-target-health",
                Duration.ofSeconds(5),
                new CheckThresholds(3, 2),
                new CloudSignal.ClbTargets(cvmRule),
                true),
            new SignalWatch(
                "instance-state",
                Duration.ofSeconds(10),
                new CheckThresholds(2, 2),
                new CloudSignal.CvmInstances(cvmRule),
                false));
    assertThat(cvm.boardRule().downOnly()).containsOnly("clb-target-health", "instance-state");
    assertThat(cvm.load())
        .contains(
            new LoadWatch(
                new RuleTraffic.Query(cvmRule, "127.0.0.1", Duration.ofMinutes(5)),
                Duration.ofMinutes(1)));
    BackendWatch scf = backends.get(Backend.SCF);
    assertThat(scf.signals())
        .extracting(SignalWatch::signal)
        .containsExactly(
            new CloudSignal.ScfFunction(new FunctionRef("default", "demo-fallback", "$LATEST")));
    assertThat(scf.load()).isEmpty();
  }
}

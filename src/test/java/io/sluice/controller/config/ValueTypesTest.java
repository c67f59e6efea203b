package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.config.ClbTarget.ListenerProtocol;
import io.sluice.controller.config.ProbeConfig.ProbeType;
import io.sluice.controller.config.ServiceConfig.ActuatorKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small value types the config is made of. */
final class ValueTypesTest {

  @Test
  void hostPortReadsIpv4NamesAndBracketedIpv6() {
    assertThat(HostPort.parse("127.0.0.1:7070")).isEqualTo(new HostPort("127.0.0.1", 7070));
    assertThat(HostPort.parse("clb.example.com:443").host()).isEqualTo("clb.example.com");
    assertThat(HostPort.parse("[::1]:80")).isEqualTo(new HostPort("[::1]", 80));
    assertThatThrownBy(() -> HostPort.parse("127.0.0.1:0")).hasMessageContaining("1-65535");
    assertThatThrownBy(() -> HostPort.parse("127.0.0.1")).hasMessageContaining("host:port");
  }

  @Test
  void requiredPassesCountsAllOrN() {
    assertThat(RequiredPasses.parse("all").of(3)).isEqualTo(3);
    assertThat(RequiredPasses.parse("2").of(3)).isEqualTo(2);
    assertThat(RequiredPasses.ALL).hasToString("all");
    assertThatThrownBy(() -> RequiredPasses.parse("0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> RequiredPasses.parse("most")).hasMessageContaining("'all'");
  }

  @Test
  void probeTargetDefaultsToTheClbAddressOnTheSchemesPort() throws ConfigException {
    ClbTarget clb =
        new ClbTarget(
            "lb-1",
            "lbl-1",
            ListenerProtocol.HTTPS,
            Optional.of("loc-1"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("clb.example.com"),
            Optional.empty());
    ProbeConfig https =
        TestConfigs.load(TestConfigs.FAILOVER)
            .services()
            .getFirst()
            .backends()
            .cvm()
            .probes()
            .getFirst();

    assertThat(https.type()).isEqualTo(ProbeType.HTTPS);
    assertThat(https.targetFor(clb)).contains(new HostPort("clb.example.com", 443));
  }

  @Test
  void bothActuatorsRunInTheStandardOrderUnlessOrdered() {
    assertThat(new ServiceConfig.Actuator(ActuatorKind.BOTH, List.of(), false).steps())
        .containsExactly(ActuatorKind.CLB_RULE, ActuatorKind.DNS_WEIGHT);
    assertThat(
            new ServiceConfig.Actuator(
                    ActuatorKind.BOTH,
                    List.of(ActuatorKind.DNS_WEIGHT, ActuatorKind.CLB_RULE),
                    false)
                .steps())
        .containsExactly(ActuatorKind.DNS_WEIGHT, ActuatorKind.CLB_RULE);
    assertThat(new ServiceConfig.Actuator(ActuatorKind.DNS_WEIGHT, List.of(), false).steps())
        .containsExactly(ActuatorKind.DNS_WEIGHT);
  }

  @Test
  void configPathQuotesKeysThatAreNotPlainWords() {
    ConfigPath path =
        ConfigPath.ROOT.key("services").index(1).key("domains").key("shop.example.com");

    assertThat(path).hasToString("services[1].domains['shop.example.com']");
    assertThat(ConfigPath.ROOT).hasToString("(root)");
  }
}

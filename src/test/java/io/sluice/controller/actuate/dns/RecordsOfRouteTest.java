package io.sluice.controller.actuate.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which record pairs a route's actuator writes: all of a failover service's, one per domain. */
final class RecordsOfRouteTest {
  private static final Path FAILOVER = Path.of("examples/failover.yaml");
  private static final Path DIVERSION = Path.of("examples/diversion.yaml");

  private static ServiceConfig service(String yaml) throws Exception {
    return new ConfigLoader(Map.<String, String>of()::get)
        .parse("test.yaml", yaml)
        .services()
        .getFirst();
  }

  /** The failover example moved to dns-weight with two names. */
  private static ServiceConfig failoverWithTwoNames() throws Exception {
    String yaml =
        Files.readString(FAILOVER)
            .replace("domains: [shop.example.com]", "domains: [shop.example.com, www.example.com]")
            .replace(
                "    actuator:\n      kind: clb-rule",
                String.join(
                    "\n",
                    "    dns:",
                    "      records:",
                    "        - {zone: example.com, subdomain: shop, cvmRecordId: 1, scfRecordId: 2, ttl: 60}",
                    "        - {zone: example.com, subdomain: www, cvmRecordId: 3, scfRecordId: 4, ttl: 60}",
                    "    actuator:",
                    "      kind: dns-weight"));
    return service(yaml);
  }

  @Test
  void aFailoverServiceWritesEveryPair() throws Exception {
    ServiceConfig shop = failoverWithTwoNames();

    assertThat(DnsWeightActuator.recordsOf(shop, "shop"))
        .extracting(ServiceConfig.DnsRecord::domain)
        .containsExactly("shop.example.com", "www.example.com");
  }

  @Test
  void aDivertedDomainWritesItsOwnPairOnly() throws Exception {
    ServiceConfig mall = service(Files.readString(DIVERSION));

    assertThat(DnsWeightActuator.recordsOf(mall, "sale.example.com"))
        .extracting(ServiceConfig.DnsRecord::cvmRecordId)
        .containsExactly(java.util.Optional.of(1003L));
  }

  @Test
  void aDivertedDomainWithoutAPairIsRefusedByName() throws Exception {
    ServiceConfig mall = service(Files.readString(DIVERSION));

    assertThatThrownBy(() -> DnsWeightActuator.recordsOf(mall, "other.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no dns.records pair for route other.example.com");
  }

  @Test
  void aFailoverServiceHasNoRouteButItsOwnName() throws Exception {
    ServiceConfig shop = failoverWithTwoNames();

    assertThatThrownBy(() -> DnsWeightActuator.recordsOf(shop, "shop.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("named after it, not shop.example.com");
  }
}

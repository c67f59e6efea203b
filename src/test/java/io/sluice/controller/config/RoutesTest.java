package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Backend;
import io.sluice.policies.DiversionSettings;
import io.sluice.policies.FailoverSettings;
import io.sluice.policies.Prewarm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a service's config becomes the policy engine's settings, route by route. */
final class RoutesTest {

  @Test
  void failoverServiceHasOneRouteNamedAfterIt() throws ConfigException {
    SluiceConfig config = TestConfigs.load(TestConfigs.FAILOVER);

    List<RouteSettings> routes = config.routes(config.services().getFirst());

    assertThat(routes).extracting(RouteSettings::route).containsExactly("shop");
    FailoverSettings settings = (FailoverSettings) routes.getFirst().settings();
    assertThat(settings.primary()).isEqualTo(Backend.CVM);
    assertThat(settings.confirmFor()).isEqualTo(Duration.ofSeconds(10));
    // a rule holds CVM targets or the function (clbMixedTargets false): failback is whole
    assertThat(settings.failback().steps()).containsExactly(100);
    assertThat(settings.failback().after()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.safeguards().minDwell()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.prewarm())
        .contains(new Prewarm(Duration.ofMinutes(10), Duration.ofMinutes(30)));
  }

  @Test
  void diversionServiceHasOneRoutePerDomainWithItsOwnWindowsAndSpill() throws ConfigException {
    SluiceConfig config = TestConfigs.load(TestConfigs.DIVERSION);

    List<RouteSettings> routes = config.routes(config.services().getFirst());

    assertThat(routes)
        .extracting(RouteSettings::route)
        .containsExactly("shop.example.com", "sale.example.com");
    DiversionSettings shop = (DiversionSettings) routes.get(0).settings();
    DiversionSettings sale = (DiversionSettings) routes.get(1).settings();
    assertThat(shop.assigned()).isEqualTo(Backend.CVM);
    assertThat(shop.spill()).hasValueSatisfying(s -> assertThat(s.capPercent()).isEqualTo(60));
    assertThat(shop.windows()).isEmpty();
    assertThat(sale.assigned()).isEqualTo(Backend.SCF);
    assertThat(sale.spill()).isEmpty();
    assertThat(sale.windows())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.from()).isEqualTo(Instant.parse("2026-11-11T11:55:00Z"));
              assertThat(w.target()).isEqualTo(Backend.SCF);
              assertThat(w.percent()).isEqualTo(100);
            });
    assertThat(sale.failoverProtection()).isTrue();
    assertThat(sale.prewarm())
        .contains(new Prewarm(Duration.ofMinutes(15), Duration.ofMinutes(30)));
  }

  @Test
  void spillAppliesOnlyToTheDomainsItNames() throws ConfigException {
    String yaml =
        TestConfigs.edited(TestConfigs.DIVERSION, "sale.example.com: scf", "sale.example.com: cvm")
            .replace("cap: 60", "cap: 60\n          domains: [sale.example.com]");

    SluiceConfig config = TestConfigs.load(yaml);
    List<RouteSettings> routes = config.routes(config.services().getFirst());

    assertThat(((DiversionSettings) routes.get(0).settings()).spill()).isEmpty();
    assertThat(((DiversionSettings) routes.get(1).settings()).spill()).isPresent();
  }

  @Test
  void everyRouteCarriesTheControllersObserveOnly() throws ConfigException {
    String yaml =
        TestConfigs.edited(
            TestConfigs.DIVERSION, "controller:\n", "controller:\n  observeOnly: true\n");

    SluiceConfig config = TestConfigs.load(yaml);

    assertThat(config.routes(config.services().getFirst()))
        .allSatisfy(r -> assertThat(r.settings().safeguards().observeOnly()).isTrue());
  }
}

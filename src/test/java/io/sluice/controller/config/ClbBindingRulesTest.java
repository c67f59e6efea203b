package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tencent's restrictions on CLB forwarding to SCF that a config can express, each broken once in
 * the demo: the error names the field, the rule and the value.
 */
final class ClbBindingRulesTest {
  private static final String SCF_VIP =
      "          locationId: loc-sandbox2\n          vip: 127.0.0.1\n";

  /** The demo with a second service, {@code demo2}, on the same CLB rules as the first. */
  private static String twoServices(String secondFrom, String secondTo) {
    String demo = TestConfigs.read(SANDBOX_DEMO);
    String service = demo.substring(demo.indexOf("  - name: demo\n"));
    String second =
        service
            .replace("- name: demo\n", "- name: demo2\n")
            .replace("domains: [demo.sluice.local]", "domains: [demo2.sluice.local]")
            .replace("host: demo.sluice.local", "host: demo2.sluice.local");
    if (second.indexOf(secondFrom) < 0) {
      throw new IllegalArgumentException("not in the service: " + secondFrom);
    }
    return demo + second.replace(secondFrom, secondTo);
  }

  @Test
  void aRegionWhereClbCannotForwardToScfIsRefused() {
    String yaml = TestConfigs.edited(SANDBOX_DEMO, "region: ap-guangzhou", "region: ap-nanjing");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "8:11 controller.region: must be a region where CLB can forward to SCF (ap-guangzhou,"
                + " ap-shenzhen-fsi, ap-shanghai, ap-shanghai-fsi, ap-beijing, ap-chengdu,"
                + " ap-hongkong, ap-singapore, ap-mumbai, ap-tokyo, na-siliconvalley, as Tencent"
                + " lists them), got ap-nanjing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ap-guangzhou",
        "ap-shanghai",
        "ap-beijing",
        "ap-chengdu",
        "ap-hongkong",
        "ap-singapore",
        "ap-mumbai",
        "ap-tokyo",
        "na-siliconvalley"
      })
  void everyRegionOfTencentsGuideValidates(String region) {
    String yaml = TestConfigs.edited(SANDBOX_DEMO, "region: ap-guangzhou", "region: " + region);

    assertThatCode(() -> TestConfigs.load(yaml)).doesNotThrowAnyException();
  }

  @Test
  void aLayer4CvmListenerCannotBeSwitchedToTheFunction() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            "          listenerProtocol: HTTP\n          domain: demo.sluice.local\n          url: /\n",
            "          listenerProtocol: TCP\n");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "24:29 services[0].backends.cvm.clb.listenerProtocol: actuator clb-rule switches this"
                + " rule to the function on failover, and CLB binds a function only to an HTTP or"
                + " HTTPS listener's rule (use actuator dns-weight for a layer-4 listener), got"
                + " TCP");
  }

  @Test
  void twoServicesMayNotSwitchOneRule() {
    String yaml =
        twoServices("function: { name: demo-fallback }", "function: { name: demo-fallback }");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "77:19 services[1].backends.cvm.clb.domain: is also switched by"
                + " services[0].backends.cvm.clb: two services switching one rule would undo each"
                + " other's moves, got lb-sandbox1/lbl-sandbox1/demo.sluice.local/");
  }

  @Test
  void twoServicesMayNotBindDifferentFunctionsToOneRule() {
    // the second moves traffic by DNS only, so the one rule both bind is its SCF rule
    String yaml =
        twoServices("function: { name: demo-fallback }\n", "function: { name: demo2-fallback }\n")
            .replaceFirst(
                "(?s)(- name: demo2.*)    actuator:\n      kind: clb-rule",
                "$1    dns: { records: [{ zone: sluice.local, subdomain: demo2, cvmRecordId: 3,"
                    + " scfRecordId: 4, ttl: 30 }] }\n    actuator:\n      kind: dns-weight");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "95:23 services[1].backends.scf.clb.locationId: CLB binds one function per rule, and"
                + " services[0].backends.scf.clb binds rule lb-sandbox1/lbl-sandbox1/loc-sandbox2"
                + " to default/demo-fallback:$LATEST, got default/demo2-fallback:$LATEST");
  }

  @Test
  void anIpv6VipOnTheClbThatForwardsToScfIsRefused() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            SCF_VIP,
            "          locationId: loc-sandbox2\n          vip: 2001:db8::10\n");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "44:16 services[0].backends.scf.clb.vip: is an IPv6 address, and CLB forwards to a"
                + " function only from an IPv4 or IPv6 NAT64 CLB, not a pure IPv6 one; for an IPv6"
                + " NAT64 CLB write ipVersion: ipv6-nat64, got 2001:db8::10");
  }

  @Test
  void anIpv6Nat64ClbMayForwardToScf() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            SCF_VIP,
            "          locationId: loc-sandbox2\n          vip: 2001:db8::10\n"
                + "          ipVersion: ipv6-nat64\n");

    assertThatCode(() -> TestConfigs.load(yaml)).doesNotThrowAnyException();
  }

  @Test
  void aPureIpv6ClbCannotForwardToScf() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            SCF_VIP,
            "          locationId: loc-sandbox2\n          vip: 2001:db8::10\n"
                + "          ipVersion: ipv6\n");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "45:22 services[0].backends.scf.clb.ipVersion: CLB forwards to a function only from an"
                + " IPv4 or IPv6 NAT64 CLB, not a pure IPv6 one (Tencent's IPv6FullChain), got"
                + " ipv6");
  }

  @Test
  void theSwitchedCvmRuleForwardsToScfToo() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            "          url: /\n          vip: 127.0.0.1\n",
            "          url: /\n          vip: 2001:db8::1\n");

    assertThat(TestConfigs.errorsOf(yaml))
        .singleElement()
        .asString()
        .startsWith("27:16 services[0].backends.cvm.clb.vip: is an IPv6 address");
  }

  @Test
  void anIpVersionMustMatchTheVip() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            SCF_VIP,
            "          locationId: loc-sandbox2\n          vip: 2001:db8::10\n"
                + "          ipVersion: ipv4\n");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "45:22 services[0].backends.scf.clb.ipVersion: must match the vip, an IPv6 address"
                + " (2001:db8::10), got ipv4");
  }

  @Test
  void aVipIsAnAddressNotAName() {
    String yaml =
        TestConfigs.edited(
            SANDBOX_DEMO,
            SCF_VIP,
            "          locationId: loc-sandbox2\n          vip: scf.example.com\n");

    assertThat(TestConfigs.errorsOf(yaml))
        .containsExactly(
            "44:16 services[0].backends.scf.clb.vip: must be an IP address, the CLB's VIP (a name"
                + " goes in hostname), got 'scf.example.com'");
  }
}

package io.sluice.controller.config;

import static io.sluice.controller.config.TestConfigs.DIVERSION;
import static io.sluice.controller.config.TestConfigs.SANDBOX_DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule, broken once in an otherwise valid example: the error names the field path and the
 * rule. Positions are covered by {@link BrokenConfigTest}.
 */
final class ConfigRulesTest {

  record Case(String rule, Path file, String from, String to, String path, String message) {
    @Override
    public String toString() {
      return rule;
    }
  }

  private static final String SVC = "services[0].";
  private static final String CVM_PROBE = "target: 127.0.0.1:18080 # the emulator's CVM data plane";
  private static final String SCF_CLB = "locationId: loc-sandbox2";
  private static final String PROBE_END =
      "            rise: 2                 # UP after 2 passes in a row (2s)\n";

  static Stream<Case> brokenRules() {
    return Stream.of(
        demo(
            "signal read too often",
            PROBE_END,
            PROBE_END + "        signals: { clbTargetHealth: { interval: 500ms } }\n",
            "backends.cvm.signals.clbTargetHealth.interval",
            "must be at least 1s (each read costs cloud API calls), got 500ms"),
        demo(
            "load period Cloud Monitor does not report",
            PROBE_END,
            PROBE_END + "        signals: { load: { period: 2m } }\n",
            "backends.cvm.signals.load.period",
            "must be 1m or 5m, the periods Cloud Monitor reports per rule, got 2m"),
        demo(
            "load without a vip",
            SCF_CLB + "\n          vip: 127.0.0.1\n",
            SCF_CLB + "\n          hostname: fallback.example.com\n        signals: { load: {} }\n",
            "backends.scf.signals.load",
            "needs the backend's clb.vip, the address Cloud Monitor names the CLB by, got hostname"
                + " fallback.example.com"),
        demo(
            "probe named like a signal",
            "        probes:\n          - name: http\n            type: http\n            "
                + CVM_PROBE,
            "        signals: { instanceState: {} }\n        probes:\n"
                + "          - name: instance-state\n            type: http\n            "
                + CVM_PROBE,
            "backends.cvm.probes[0].name",
            "is the name of the backend's instance-state signal; choose another"),
        demo(
            "signal of the other backend kind",
            PROBE_END,
            PROBE_END + "        signals: { functionState: {} }\n",
            "backends.cvm.signals.functionState",
            "unknown key"),
        demo(
            "both failover and diversion",
            "      minDwell: 30s\n",
            "      minDwell: 30s\n      diversion: { domains: { demo.sluice.local: cvm } }\n",
            "policy",
            "needs exactly one of failover or diversion, got both"),
        demo(
            "neither failover nor diversion",
            "      failover:\n",
            "      standby:\n",
            "policy",
            "needs exactly one of failover or diversion, got neither"),
        demo(
            "unknown key suggests the closest",
            "      failover:\n",
            "      failovr:\n",
            "policy.failovr",
            "unknown key; did you mean 'failover'?"),
        demo(
            "unknown key far from any lists the known ones",
            "      minDwell: 30s\n",
            "      minDwell: 30s\n      zzz: 1\n",
            "policy.zzz",
            "unknown key; expected one of diversion, failover, flapBudget, minDwell, warmupRounds"),
        demo(
            "rule by locationId and by domain",
            SCF_CLB,
            SCF_CLB + "\n          domain: demo.sluice.local\n          url: /",
            "backends.scf.clb.locationId",
            "give locationId, or domain and url, not both"),
        demo(
            "rule by neither",
            "          domain: demo.sluice.local\n          url: /\n",
            "",
            "backends.cvm.clb",
            "an HTTP(S) rule needs locationId, or domain and url, got neither"),
        demo(
            "domain without url",
            "          domain: demo.sluice.local\n          url: /\n",
            "          domain: demo.sluice.local\n",
            "backends.cvm.clb.url",
            "domain and url name a rule together"),
        demo(
            "neither vip nor hostname",
            SCF_CLB + "\n          vip: 127.0.0.1",
            SCF_CLB,
            "backends.scf.clb.vip",
            "vip or hostname is required, got neither"),
        demo(
            "order without both",
            "      kind: clb-rule",
            "      kind: clb-rule\n      order: [clb-rule, dns-weight]",
            "actuator.order",
            "only with kind both, got kind clb-rule"),
        demo(
            "order repeating an actuator",
            "      kind: clb-rule",
            "      kind: both\n      order: [clb-rule, clb-rule]",
            "actuator.order",
            "must list clb-rule and dns-weight once each, got [clb-rule, clb-rule]"),
        demo(
            "dns-weight without dns",
            "      kind: clb-rule",
            "      kind: dns-weight",
            "dns.records",
            "is required with actuator dns-weight, got nothing"),
        demo(
            "dns record without an id",
            "    actuator:\n      kind: clb-rule",
            "    dns: { records: [{ zone: sluice.local, subdomain: demo, cvmRecordId: 1, ttl: 30 }] }\n"
                + "    actuator:\n      kind: dns-weight",
            "dns.records[0].scfRecordId",
            "is required with actuator dns-weight, got nothing"),
        demo(
            "dns record for another domain",
            "    actuator:\n",
            "    dns: { records: [{ zone: sluice.local, subdomain: other, cvmRecordId: 1,"
                + " scfRecordId: 2 }] }\n    actuator:\n",
            "dns.records[0].subdomain",
            "must name one of the service's domains [demo.sluice.local], got other.sluice.local"),
        demo(
            "minDwell shorter than the dns ttl",
            "    actuator:\n      kind: clb-rule",
            "    dns: { records: [{ zone: sluice.local, subdomain: demo, cvmRecordId: 1,"
                + " scfRecordId: 2, ttl: 600 }] }\n    actuator:\n      kind: both",
            "policy.minDwell",
            "must be at least the DNS ttl of dns.records[0] (10m) so each change drains before the"
                + " next, got 30s"),
        demo(
            "timeout not below interval",
            "timeout: 500ms\n            fall: 3                 # DOWN",
            "timeout: 1s\n            fall: 3                 # DOWN",
            "backends.cvm.probes[0].timeout",
            "must be less than interval (1s), got 1s"),
        demo(
            "timeout zero, which the prober refuses",
            "timeout: 500ms\n            fall: 3                 # DOWN",
            "timeout: 0ms\n            fall: 3                 # DOWN",
            "backends.cvm.probes[0].timeout",
            "must be more than 0s, got 0s"),
        demo(
            "fastTimeout above fastInterval, which the prober refuses",
            "timeout: 500ms\n            fall: 3                 # DOWN",
            "timeout: 900ms\n            fastInterval: 200ms\n            fastTimeout: 300ms\n"
                + "            fall: 3          # DOWN",
            "backends.cvm.probes[0].fastTimeout",
            "must be more than 0s and at most fastInterval (200ms): while a verdict changes a probe"
                + " starts every fastInterval, and one that may take longer would overlap the next,"
                + " got 300ms"),
        demo(
            "fastTimeout above the default fastInterval",
            "timeout: 500ms\n            fall: 3                 # DOWN",
            "timeout: 500ms\n            fastTimeout: 600ms\n            fall: 3          # DOWN",
            "backends.cvm.probes[0].fastTimeout",
            "must be more than 0s and at most fastInterval (500ms, its default): while a verdict"
                + " changes a probe starts every fastInterval, and one that may take longer would"
                + " overlap the next, got 600ms"),
        demo(
            "fastInterval not below interval",
            CVM_PROBE,
            CVM_PROBE + "\n            fastInterval: 1s",
            "backends.cvm.probes[0].fastInterval",
            "must be more than 0s and less than interval (1s), got 1s"),
        demo(
            "both body checks",
            CVM_PROBE,
            CVM_PROBE + "\n            bodyContains: ok\n            bodyMatches: ok",
            "backends.cvm.probes[0].bodyMatches",
            "give bodyContains or bodyMatches, not both"),
        demo(
            "client certificate without its key",
            CVM_PROBE,
            CVM_PROBE + "\n            tlsClientCertificate: pom.xml",
            "backends.cvm.probes[0].tlsClientKey",
            "is required with the other of tlsClientCertificate and tlsClientKey"),
        demo(
            "client certificate on an http probe",
            CVM_PROBE,
            CVM_PROBE
                + "\n            tlsClientCertificate: pom.xml\n            tlsClientKey: pom.xml",
            "backends.cvm.probes[0].tlsClientCertificate",
            "only for https probes, got type http"),
        demo(
            "client key not readable",
            "            type: http\n            " + CVM_PROBE,
            "            type: https\n            "
                + CVM_PROBE
                + "\n            tlsClientCertificate: pom.xml\n            tlsClientKey: no-such.pem",
            "backends.cvm.probes[0].tlsClientKey",
            "must be a readable file, got 'no-such.pem'"),
        demo(
            "tcp probe without a target",
            "          - name: http\n            type: http\n            " + CVM_PROBE,
            "          - name: http\n            type: tcp",
            "backends.cvm.probes[0].target",
            "is required for a tcp probe"),
        demo(
            "duplicate probe name",
            "rise: 2                 # UP after 2 passes in a row (2s)",
            "rise: 2\n          - { name: http, type: http }",
            "backends.cvm.probes[1].name",
            "duplicate probe name, also at [0], got 'http'"),
        demo(
            "require more probes than there are",
            "      scf:\n",
            "        health: { require: 2 }\n      scf:\n",
            "backends.cvm.health.require",
            "must be at most the number of probes (1), got 2"),
        demo(
            "quorum of one",
            "      scf:\n",
            "        health: { quorum: 1 }\n      scf:\n",
            "backends.cvm.health.quorum",
            "must be at least 0 and less than 1, got 1"),
        demo(
            "prewarm of $LATEST",
            "        function: { name: demo-fallback }",
            "        function: { name: demo-fallback }\n        prewarm: { provisionedConcurrency: 5 }",
            "backends.scf.function.qualifier",
            "must be a published version (a number, such as 3) when prewarm is set: provisioned"
                + " concurrency cannot be set on $LATEST or an alias, got $LATEST"),
        demo(
            "prewarm of an alias",
            "        function: { name: demo-fallback }",
            "        function: { name: demo-fallback, qualifier: live }\n"
                + "        prewarm: { provisionedConcurrency: 5 }",
            "backends.scf.function.qualifier",
            "when prewarm is set: provisioned concurrency cannot be set on $LATEST or an alias,"
                + " got live"),
        demo(
            "prewarm of zero",
            "        function: { name: demo-fallback }",
            "        function: { name: demo-fallback }\n        prewarm: { provisionedConcurrency: 0 }",
            "backends.scf.prewarm.provisionedConcurrency",
            "must be 1-10000, got 0"),
        demo(
            "prewarm waiting too long",
            "        function: { name: demo-fallback }",
            "        function: { name: demo-fallback, qualifier: \"1\" }\n"
                + "        prewarm: { provisionedConcurrency: 5, waitFor: 11m }",
            "backends.scf.prewarm.waitFor",
            "must be 1s-10m (a failover with the primary DOWN waits this long for warm"
                + " instances), got 11m"),
        demo(
            "CVM probe through the rule clb-rule switches",
            "host: health.demo.sluice.local",
            "host: Demo.Sluice.Local",
            "backends.cvm.probes[0].host",
            "must not reach the CVMs through the rule of domain demo.sluice.local and url /,"
                + " which actuator clb-rule switches to the function on failover (the probe would"
                + " then read the function's answers, or never see the CVMs recover); probe a"
                + " health host on the same listener that Sluice never switches, got"
                + " 'Demo.Sluice.Local'"),
        failover(
            "CVM probe through the rule's domain and a path under its url",
            "            host: health.shop.example.com\n            path: /healthz",
            "            host: shop.example.com\n            path: /healthz",
            "backends.cvm.probes[0].host",
            "must not reach the CVMs through the rule of domain shop.example.com and url /"),
        failover(
            "failback steps a rule without mixed targets cannot route",
            "steps: [100]",
            "steps: [50, 100]",
            "policy.failover.failback.steps",
            "must be [100] with actuator clb-rule and clbMixedTargets false: the rule holds the"
                + " CVM targets or the function, never both, so a step between them cannot be"
                + " routed (set clbMixedTargets where the rule may hold both), got [50, 100]"),
        demo(
            "text where a number belongs",
            "fall: 3                 # DOWN after 3 failures in a row (3s)",
            "fall: three",
            "backends.cvm.probes[0].fall",
            "must be a whole number, got 'three'"),
        demo(
            "failback stepping faster than minDwell",
            "stepEvery: 30s",
            "stepEvery: 10s",
            "policy.failover.failback.stepEvery",
            "must be at least minDwell (30s), got 10s"),
        demo(
            "failback steps not rising",
            "steps: [10, 50, 100]",
            "steps: [50, 10, 100]",
            "policy.failover.failback.steps",
            "must rise strictly within 1-100 and end at 100, got [50, 10, 100]"),
        demo(
            "flap budget of one",
            "maxTransitions: 4",
            "maxTransitions: 1",
            "policy.flapBudget.maxTransitions",
            "must be 2-1000, got 1"),
        controller(
            "override ttl above a week",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  maxOverrideTtl: 8d",
            "controller.maxOverrideTtl",
            "must be 1m-7d, got 8d"),
        controller(
            "profile without source profile",
            "    source: sandbox",
            "    source: sandbox\n    profile: ops",
            "controller.credentials.profile",
            "only with source profile, got source sandbox"),
        controller(
            "scope on a viewer token",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { tokens: [{ id: v, sha256: "
                + "0".repeat(64)
                + ", role: viewer, services: [demo] }] }",
            "controller.api.tokens[0].services",
            "only an operator has a service scope, got role viewer"),
        controller(
            "operator scoped to an unknown service",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { tokens: [{ id: o, sha256: "
                + "0".repeat(64)
                + ", role: operator, services: [dmeo] }] }",
            "controller.api.tokens[0].services[0]",
            "must name a known service (did you mean 'demo'?), got 'dmeo'"),
        controller(
            "client certificates without a CA",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { tls: { certFile: c.pem, keyFile: k.pem,"
                + " clients: [{ subject: CN=ops, role: admin }] } }",
            "controller.api.tls.clients",
            "needs clientCaFile to verify client certificates, got no CA"),
        controller(
            "scope on an admin client certificate",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { tls: { certFile: c.pem, keyFile: k.pem,"
                + " clientCaFile: ca.pem, clients: [{ subject: CN=ops, role: admin,"
                + " services: [demo] }] } }",
            "controller.api.tls.clients[0].services",
            "only an operator has a service scope, got role admin"),
        controller(
            "no mutations allowed",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { mutationsPerMinute: 0 }",
            "controller.api.mutationsPerMinute",
            "must be 1-600, got 0"),
        controller(
            "sentinel probe without a target",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  sentinels: [{ name: s, probe: { name: p, type: http } }]",
            "controller.sentinels[0].probe.target",
            "is required for a sentinel probe, got nothing"),
        controller(
            "API open beyond loopback without tokens",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { listen: 0.0.0.0:7070 }",
            "controller.api.listen",
            "must be a loopback address while api.tokens is empty, got 0.0.0.0:7070"),
        controller(
            "listen address without a port",
            "  stateDir: ./.sluice-state",
            "  stateDir: ./.sluice-state\n  api: { listen: localhost }",
            "controller.api.listen",
            "must be host:port, like 127.0.0.1:7070, got 'localhost'"),
        diversion(
            "diversion domain the service lacks",
            "shop.example.com: cvm",
            "shop.example.com: cvm\n          shop.example.org: cvm",
            "policy.diversion.domains['shop.example.org']",
            "must name a known service domain (did you mean 'shop.example.com'?),"
                + " got 'shop.example.org'"),
        diversion(
            "service domain without a backend",
            "          shop.example.com: cvm\n",
            "",
            "policy.diversion.domains",
            "must assign every service domain a backend, got none for shop.example.com"),
        diversion(
            "window for a domain not diverted",
            "- domain: sale.example.com",
            "- domain: sales.example.com",
            "policy.diversion.windows[0].domain",
            "must name a known diversion domain (did you mean 'sale.example.com'?)"),
        diversion(
            "diverted domain without records",
            "subdomain: sale",
            "subdomain: sales",
            "dns.records",
            "needs a record pair for every diverted domain (dns-weight moves each one by its own"
                + " records), got none for sale.example.com"),
        diversion(
            "clb-rule on a diversion",
            "kind: dns-weight",
            "kind: both",
            "actuator.kind",
            "a diversion moves each domain on its own, which only dns-weight can do"),
        diversion(
            "spill on a domain assigned to scf",
            "cap: 60",
            "cap: 60\n          domains: [sale.example.com]",
            "policy.diversion.spill.domains[0]",
            "only a domain assigned to cvm can spill, got sale.example.com (scf)"),
        diversion(
            "spill stepping faster than minDwell",
            "stepEvery: 2m             # at least minDwell",
            "stepEvery: 1m",
            "policy.diversion.spill.stepEvery",
            "must be at least minDwell (2m), got 1m"),
        diversion(
            "window ending before it starts",
            "to: 2026-11-11T21:30+08:00",
            "to: 2026-11-11T19:55+08:00",
            "policy.diversion.windows[0].to",
            "must be after from (2026-11-11T19:55+08:00), got 2026-11-11T19:55+08:00"),
        diversion(
            "bad timestamp",
            "to: 2026-11-11T21:30+08:00",
            "to: 2026-11-11 21:30",
            "policy.diversion.windows[0].to",
            "must be an ISO-8601 time with an offset, like 2026-11-11T19:55+08:00"),
        diversion(
            "bad regex",
            "bodyMatches: '\"status\":\\s*\"ok\"'",
            "bodyMatches: '[a-'",
            "backends.scf.probes[0].bodyMatches",
            "must be a valid regular expression"),
        notifications(
            "webhook timeout out of range",
            "[{ name: chat, url: 'http://127.0.0.1:9/hook', timeout: 2m }]",
            "notifications.webhooks[0].timeout",
            "must be 100ms-1m, got 2m"),
        notifications(
            "webhook backoff out of range",
            "[{ name: chat, url: 'http://127.0.0.1:9/hook', backoff: 10ms }]",
            "notifications.webhooks[0].backoff",
            "must be 100ms-1m, got 10ms"),
        notifications(
            "webhook url without a host",
            "[{ name: chat, url: 'http://:80/hook' }]",
            "notifications.webhooks[0].url",
            "must be an http or https URL with a host"),
        notifications(
            "webhook without events",
            "[{ name: chat, url: 'http://127.0.0.1:9/hook', events: [] }]",
            "notifications.webhooks[0].events",
            "must name at least one event (or be left out for all), got []"),
        notifications(
            "duplicate webhook names",
            "[{ name: chat, url: 'http://127.0.0.1:9/a' }, { name: chat, url: 'http://127.0.0.1:9/b' }]",
            "notifications.webhooks[1].name",
            "duplicate webhook name, also at [0], got 'chat'"));
  }

  /** A top-level notifications section with {@code webhooks} before the controller. */
  private static Case notifications(String rule, String webhooks, String path, String message) {
    return new Case(
        rule,
        SANDBOX_DEMO,
        "\ncontroller:\n",
        "\nnotifications:\n  webhooks: " + webhooks + "\ncontroller:\n",
        path,
        message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRules")
  void reportsTheBrokenRuleAtItsPath(Case c) {
    assertThat(TestConfigs.errorsOf(TestConfigs.edited(c.file(), c.from(), c.to())))
        .anySatisfy(
            error -> assertThat(error).contains(" " + c.path() + ": ").contains(c.message()));
  }

  /**
   * A rule named by locationId: its domain is not in the config, so a probe with one of the
   * service's domains as its Host is taken to go through it.
   */
  @Test
  void refusesACvmProbeWithTheServicesDomainThroughARuleNamedByLocationId() {
    String yaml =
        TestConfigs.edited(
                TestConfigs.FAILOVER,
                "          domain: shop.example.com  # the rule: domain + url (or locationId)\n"
                    + "          url: /\n",
                "          locationId: loc-9\n")
            .replace(
                "            host: health.shop.example.com\n            path: /healthz",
                "            host: shop.example.com\n            path: /healthz");

    assertThat(TestConfigs.errorsOf(yaml))
        .singleElement()
        .asString()
        .contains(" services[0].backends.cvm.probes[0].host: ")
        .contains(
            "must not reach the CVMs through rule loc-9 (it serves [shop.example.com]), which"
                + " actuator clb-rule switches to the function on failover")
        .endsWith("got 'shop.example.com'");
  }

  @Test
  void acceptsFailbackStepsWhereTheActuatorCanSplit() throws Exception {
    String mixed =
        TestConfigs.edited(
                TestConfigs.FAILOVER,
                "      kind: clb-rule",
                "      kind: clb-rule\n      clbMixedTargets: true")
            .replace("steps: [100]", "steps: [10, 50, 100]");

    assertThat(TestConfigs.load(mixed).services().getFirst().routes(false).getFirst().settings())
        .isInstanceOfSatisfying(
            io.sluice.policies.FailoverSettings.class,
            f -> assertThat(f.failback().steps()).containsExactly(10, 50, 100));
  }

  @Test
  void unwrittenFailbackStepsFollowWhatTheActuatorCanRoute() throws Exception {
    String unwritten = TestConfigs.edited(TestConfigs.FAILOVER, "          steps: [100]", "");
    String split =
        unwritten.replace(
            "      kind: clb-rule", "      kind: clb-rule\n      clbMixedTargets: true");

    assertThat(stepsOf(unwritten)).containsExactly(100);
    assertThat(stepsOf(split)).containsExactly(10, 50, 100);
  }

  private static java.util.List<Integer> stepsOf(String yaml) throws Exception {
    return ((io.sluice.policies.FailoverSettings)
            TestConfigs.load(yaml).services().getFirst().routes(false).getFirst().settings())
        .failback()
        .steps();
  }

  private static Case demo(String rule, String from, String to, String path, String message) {
    return new Case(rule, SANDBOX_DEMO, from, to, SVC + path, message);
  }

  private static Case controller(String rule, String from, String to, String path, String message) {
    return new Case(rule, SANDBOX_DEMO, from, to, path, message);
  }

  /** examples/failover.yaml, whose CVM rule is named by domain; locationId in one case. */
  private static Case failover(String rule, String from, String to, String path, String message) {
    return new Case(rule, TestConfigs.FAILOVER, from, to, SVC + path, message);
  }

  private static Case diversion(String rule, String from, String to, String path, String message) {
    return new Case(rule, DIVERSION, from, to, SVC + path, message);
  }
}

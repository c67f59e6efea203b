package io.sluice.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated world of {@code n} services and the config that runs them (issue 13): each service
 * has two CVM instances behind a rule on a CVM load balancer and its own function behind a rule on
 * an SCF load balancer, ten services to a load balancer; even services move DNSPod weights, odd
 * ones switch their CLB rule. The CVM probe asks a health rule of its own that no switch touches.
 * Functions are the sandbox's built-in static answer, so that a thousand of them cost no processes.
 */
final class ScaleWorld {
  static final int PER_LOAD_BALANCER = 10;
  static final String ZONE = "scale.local";
  private static final long FIRST_RECORD = 100_000;
  // the world's one key, which the daemon reads from TENCENTCLOUD_SECRET_ID/KEY
  static final String SECRET_ID = "AKIDSLUICESCALE0000000000000000000000";
  static final String SECRET_KEY = "sluice-scale-secret-key-00000000000";

  private ScaleWorld() {}

  /** Writes {@code world.yaml} and {@code sluice.yaml} into {@code dir}. */
  static void write(int services, Path dir) throws IOException {
    Files.writeString(dir.resolve("world.yaml"), world(services));
    Files.writeString(dir.resolve("sluice.yaml"), config(services));
  }

  static String world(int services) {
    StringBuilder w =
        new StringBuilder(
            """
            region: ap-guangzhou
            credentials:
              - secretId: AKIDSLUICESCALE0000000000000000000000
                secretKey: sluice-scale-secret-key-00000000000
            settings:
              taskDuration: 0ms
            """);
    w.append("instances:\n");
    for (int i = 0; i < services; i++) {
      w.append(line("  - {id: %s, name: %s-web-a}", instance(i, 'a'), id(i)));
      w.append(line("  - {id: %s, name: %s-web-b}", instance(i, 'b'), id(i)));
    }
    w.append("functions:\n");
    for (int i = 0; i < services; i++) {
      w.append(
          line(
              "  - {name: fn-%s, code: {builtin: static, status: 200, body: \"scf %s\"}}",
              id(i), id(i)));
    }
    w.append("loadBalancers:\n");
    for (int group = 0; group * PER_LOAD_BALANCER < services; group++) {
      w.append(line("  - id: lb-cvm%d\n    listeners:", group));
      w.append(line("      - {id: lbl-cvm%d, protocol: HTTP, port: 80, rules: [", group));
      for (int i : members(group, services)) {
        String targets =
            "targets: [{instance: %s, port: 80, weight: 10}, {instance: %s, port: 80, weight: 10}]"
                .formatted(instance(i, 'a'), instance(i, 'b'));
        w.append(
            line("          {id: loc-%s, domain: %s, url: /, %s},", id(i), domain(i), targets));
        w.append(
            line("          {id: loc-h%s, domain: h%s, url: /, %s},", id(i), domain(i), targets));
      }
      w.append("        ]}\n");
      w.append(line("  - id: lb-scf%d\n    listeners:", group));
      w.append(line("      - {id: lbl-scf%d, protocol: HTTP, port: 80, rules: [", group));
      for (int i : members(group, services)) {
        w.append(
            line(
                "          {id: loc-f%s, domain: %s, url: /, function: {name: fn-%s}},",
                id(i), domain(i), id(i)));
      }
      w.append("        ]}\n");
    }
    w.append(line("dns:\n  - domain: %s\n    plan: DP_EXPERT\n    records:", ZONE));
    for (int i = 0; i < services; i += 2) {
      w.append(
          line(
              "      - {id: %d, subDomain: %s, type: A, value: 127.0.0.1, ttl: 10, weight: 100}",
              cvmRecord(i), id(i)));
      w.append(
          line(
              "      - {id: %d, subDomain: %s, type: A, value: 127.0.0.2, ttl: 10, weight: 0,"
                  + " status: DISABLE}",
              cvmRecord(i) + 1, id(i)));
    }
    return w.toString();
  }

  static String config(int services) {
    StringBuilder c =
        new StringBuilder(
            """
            controller:
              region: ap-guangzhou
              credentials:
                source: env
            services:
            """);
    for (int i = 0; i < services; i++) {
      int group = i / PER_LOAD_BALANCER;
      c.append(
          """
            - name: %1$s
              domains: [%2$s]
              backends:
                cvm:
                  clb: {loadBalancerId: lb-cvm%3$d, listenerId: lbl-cvm%3$d, listenerProtocol: HTTP, locationId: loc-%1$s, vip: 127.0.0.1}
                  probes:
                    - {name: http, type: http, target: "127.0.0.1:${SANDBOX_PORT_LBL_CVM%3$d}", host: h%2$s, interval: 1s, timeout: 500ms}
                scf:
                  clb: {loadBalancerId: lb-scf%3$d, listenerId: lbl-scf%3$d, listenerProtocol: HTTP, locationId: loc-f%1$s, vip: 127.0.0.1}
                  function: {name: fn-%1$s}
                  probes:
                    - {name: http, type: http, target: "127.0.0.1:${SANDBOX_PORT_LBL_SCF%3$d}", host: %2$s, interval: 1s, timeout: 500ms}
          """
              .formatted(id(i), domain(i), group));
      c.append("    policy: {failover: {primary: cvm, failback: {after: 1m}}}\n");
      if (i % 2 == 0) {
        c.append(
            """
                dns:
                  records:
                    - {zone: %s, subdomain: %s, cvmRecordId: %d, scfRecordId: %d, ttl: 10}
                actuator: {kind: dns-weight}
            """
                .formatted(ZONE, id(i), cvmRecord(i), cvmRecord(i) + 1));
      } else {
        c.append("    actuator: {kind: clb-rule}\n");
      }
    }
    return c.toString();
  }

  /** The service's name and its record's subdomain: {@code s0007}. */
  static String id(int i) {
    return String.format(Locale.ROOT, "s%04d", i);
  }

  /** {@code ins-} and eight lower-case letters or digits, as CVM's ids: {@code ins-0000007a}. */
  static String instance(int i, char which) {
    return String.format(Locale.ROOT, "ins-%07d%c", i, which);
  }

  static String domain(int i) {
    return id(i) + "." + ZONE;
  }

  private static long cvmRecord(int i) {
    return FIRST_RECORD + 2L * i;
  }

  private static int[] members(int group, int services) {
    int from = group * PER_LOAD_BALANCER;
    return java.util.stream.IntStream.range(from, Math.min(services, from + PER_LOAD_BALANCER))
        .toArray();
  }

  private static String line(String format, Object... args) {
    return String.format(Locale.ROOT, format, args) + "\n";
  }
}

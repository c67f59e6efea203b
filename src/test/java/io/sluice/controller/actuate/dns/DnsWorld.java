package io.sluice.controller.actuate.dns;

import com.tencentcloudapi.common.Credential;
import io.sluice.cloud.ClientSettings;
import io.sluice.cloud.CloudClients;
import io.sluice.cloud.CloudGuards;
import io.sluice.cloud.GuardSettings;
import io.sluice.controller.actuate.ActuationException;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.dnspod.DnsAnswer;
import io.sluice.sandbox.dnspod.DnsDomain;
import io.sluice.sandbox.dnspod.DnsRecord;
import io.sluice.sandbox.scenario.ScenarioLoader;
import io.sluice.testing.DnsQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNSPod zone in its own sandbox for the dns-weight tests: {@code shop} and {@code sale} each
 * have a CVM record (weight 100, enabled) and a disabled SCF record ({@code shop}'s keeps weight 0,
 * {@code sale}'s has none); {@code www} has two enabled records without weights. Guards retry
 * quickly, so tests do not wait on production backoff.
 */
final class DnsWorld implements AutoCloseable {
  static final String ZONE = "example.com";
  static final String SECRET_ID = "AKIDDNSWEIGHT000000000000000000000000";
  static final String SHOP_CVM = "10.0.0.1";
  static final String SHOP_SCF = "10.0.0.2";

  static final ServiceConfig.DnsRecord SHOP = pair("shop", 1001, 1002);
  static final ServiceConfig.DnsRecord SALE = pair("sale", 1003, 1004);
  static final ServiceConfig.DnsRecord WWW = pair("www", 1005, 1006);

  private static final String WORLD =
      """
      region: ap-guangzhou
      credentials:
        - {secretId: %s, secretKey: dns-weight-secret-key-00000000}
      settings:
        dnsSeed: 7
      dns:
        - domain: example.com
          plan: DP_Plus
          records:
            - {id: 1001, subDomain: shop, value: 10.0.0.1, ttl: 60, weight: 100}
            - {id: 1002, subDomain: shop, value: 10.0.0.2, ttl: 60, weight: 0, status: DISABLE}
            - {id: 1003, subDomain: sale, value: 10.0.1.1, ttl: 60, weight: 100}
            - {id: 1004, subDomain: sale, value: 10.0.1.2, ttl: 60, status: DISABLE}
            - {id: 1005, subDomain: www, value: 10.0.2.1, ttl: 60}
            - {id: 1006, subDomain: www, value: 10.0.2.2, ttl: 60}
      """
          .formatted(SECRET_ID);

  final Sandbox sandbox =
      Sandbox.start(ScenarioLoader.parse("dns-world.yaml", WORLD), Path.of("."));
  final Vertx vertx = Vertx.vertx();
  private final List<CloudGuards> guards = new ArrayList<>();

  static ServiceConfig.DnsRecord pair(String subdomain, long cvm, long scf) {
    return new ServiceConfig.DnsRecord(ZONE, subdomain, Optional.of(cvm), Optional.of(scf), 60);
  }

  static GuardSettings quickGuards() {
    return GuardSettings.defaults().withRetries(3, Duration.ofMillis(20));
  }

  DnsWeightActuator actuator(ServiceConfig.DnsRecord... records) {
    return actuator(quickGuards(), settings(), List.of(records));
  }

  DnsWeightActuator actuator(
      GuardSettings guardSettings, ClientSettings clientSettings, List<ServiceConfig.DnsRecord> r) {
    CloudGuards g = new CloudGuards(vertx, guardSettings);
    guards.add(g);
    String secretKey = sandbox.scenario().credentials().getFirst().secretKey();
    return new DnsWeightActuator(
        r, new CloudClients(new Credential(SECRET_ID, secretKey), clientSettings), g);
  }

  ClientSettings settings() {
    return ClientSettings.sandbox(sandbox.region(), sandbox.apiEndpoint());
  }

  /** The record as DNSPod holds it now. */
  DnsRecord record(long id) {
    return sandbox.dns().record(zone(), id);
  }

  /** Changes a record behind the actuator's back, as an operator in the console would. */
  void replace(DnsRecord record) {
    sandbox.dns().save(zone(), record);
  }

  private DnsDomain zone() {
    return sandbox.dns().domain(ZONE, Optional.empty());
  }

  /** What the authoritative server may answer for the name now: enabled records only. */
  List<DnsAnswer> resolvable(String name) {
    return sandbox.dns().enabledRecords(name, "A");
  }

  /** {@code queries} real UDP queries to the sandbox's DNS server, counted by answer. */
  Map<String, Integer> answers(String name, int queries) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < queries; i++) {
      Message reply = DnsQuery.a(sandbox.dnsPort(), name);
      for (Record answer : reply.getSection(Section.ANSWER)) {
        counts.merge(answer.rdataToString(), 1, Integer::sum);
      }
    }
    return counts;
  }

  static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The actuation failure the future ended with; anything else fails the test. */
  static ActuationException failureOf(Future<?> future) throws Exception {
    try {
      join(future);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ActuationException failure) {
        return failure;
      }
      throw new AssertionError("expected an ActuationException", e.getCause());
    }
    throw new AssertionError("expected a failure, got success");
  }

  @Override
  public void close() throws Exception {
    guards.forEach(CloudGuards::close);
    try {
      sandbox.close();
    } finally {
      join(vertx.close());
    }
  }

  /**
   * A step log that keeps each call as a line, and what the authoritative server could answer for
   * every watched name at that moment, so tests can see the state between writes.
   */
  final class Journal implements StepLog {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, List<DnsAnswer>>> moments =
        Collections.synchronizedList(new ArrayList<>());
    private final List<String> watched;

    Journal(String... watched) {
      this.watched = List.of(watched);
    }

    @Override
    public io.vertx.core.Future<Void> before(String action, String target, String value) {
      lines.add("before " + action + " " + target + " " + value);
      snapshot();
      return io.vertx.core.Future.succeededFuture();
    }

    @Override
    public void after(String action, String target, String requestId, String outcome) {
      lines.add("after " + action + " " + target + " " + outcome);
      snapshot();
    }

    private void snapshot() {
      Map<String, List<DnsAnswer>> now = new HashMap<>();
      for (String name : watched) {
        now.put(name, resolvable(name));
      }
      moments.add(now);
    }
  }
}

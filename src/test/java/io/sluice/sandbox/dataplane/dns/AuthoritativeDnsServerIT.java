package io.sluice.sandbox.dataplane.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.DnsQuery;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Real UDP queries from dnsjava's stub resolver to the sandbox's authoritative server. */
final class AuthoritativeDnsServerIT {

  private final InMemoryDnsRecords records =
      new InMemoryDnsRecords("example.com")
          .put(
              "www.example.com",
              "A",
              new DnsRecord("192.0.2.70", 60, OptionalInt.of(70)),
              new DnsRecord("192.0.2.30", 60, OptionalInt.of(30)),
              new DnsRecord("192.0.2.0", 60, OptionalInt.of(0)));
  private Vertx vertx;
  private AuthoritativeDnsServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = new AuthoritativeDnsServer(vertx, records, new DnsAnswerPicker(new Random(42)));
    port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Message ask(String name) throws Exception {
    return DnsQuery.a(port, name);
  }

  @Test
  void answersOneValuePerQueryInProportionToTheWeights() throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      Message reply = ask("www.example.com.");
      assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
      Record answer = reply.getSection(Section.ANSWER).getFirst();
      assertThat(reply.getSection(Section.ANSWER)).hasSize(1);
      assertThat(answer.getTTL()).isEqualTo(60);
      counts.merge(answer.rdataToString(), 1, Integer::sum);
    }
    // Binomial(1000, 0.7) has a standard deviation of about 14.5; 60 is about four of them, so
    // a correct picker stays inside for any seed with probability above 99.99 %.
    assertThat(counts.get("192.0.2.70")).isBetween(640, 760);
    assertThat(counts.get("192.0.2.30")).isBetween(240, 360);
    assertThat(counts).doesNotContainKey("192.0.2.0");
  }

  @Test
  void saysNxdomainOverTheWire() throws Exception {
    Message reply = ask("missing.example.com.");
    assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
  }
}

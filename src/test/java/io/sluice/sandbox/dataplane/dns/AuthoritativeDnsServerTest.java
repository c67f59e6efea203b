package io.sluice.sandbox.dataplane.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

final class AuthoritativeDnsServerTest {

  private final DnsRecordSource source =
      new InMemoryDnsRecords("example.com")
          .put(
              "www.example.com",
              "A",
              new DnsRecord("192.0.2.1", 600, OptionalInt.empty()),
              new DnsRecord("192.0.2.2", 600, OptionalInt.empty()))
          .put(
              "api.example.com",
              "A",
              new DnsRecord("192.0.2.3", 60, OptionalInt.of(0)),
              new DnsRecord("192.0.2.4", 60, OptionalInt.of(10)))
          .put(
              "cdn.example.com",
              "CNAME",
              new DnsRecord("edge.example.net.", 300, OptionalInt.empty()));

  private final AuthoritativeDnsServer server =
      new AuthoritativeDnsServer(null, source, new DnsAnswerPicker(new SplittableRandom(7)));

  private Message ask(String name, int type) throws Exception {
    return server.answer(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
  }

  @Test
  void answersEveryUnweightedValueWithItsTtlAndTheAaFlag() throws Exception {
    Message reply = ask("www.example.com.", Type.A);

    assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(reply.getSection(Section.ANSWER))
        .extracting(r -> r.rdataToString(), Record::getTTL)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("192.0.2.1", 600L),
            org.assertj.core.groups.Tuple.tuple("192.0.2.2", 600L));
  }

  @Test
  void neverAnswersAWeightZeroValue() throws Exception {
    for (int i = 0; i < 50; i++) {
      assertThat(ask("api.example.com.", Type.A).getSection(Section.ANSWER))
          .singleElement()
          .extracting(Record::rdataToString)
          .isEqualTo("192.0.2.4");
    }
  }

  @Test
  void saysNxdomainForUnknownNamesAndNoDataForOtherTypes() throws Exception {
    assertThat(ask("nope.example.com.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    Message noData = ask("www.example.com.", Type.AAAA);
    assertThat(noData.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(noData.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void answersACnameForAnyTypeAtThatName() throws Exception {
    assertThat(ask("cdn.example.com.", Type.A).getSection(Section.ANSWER))
        .singleElement()
        .extracting(Record::getType)
        .isEqualTo(Type.CNAME);
  }

  @Test
  void refusesNamesOutsideItsZones() throws Exception {
    Message reply = ask("www.example.org.", Type.A);
    assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(reply.getHeader().getFlag(Flags.AA)).isFalse();
  }
}

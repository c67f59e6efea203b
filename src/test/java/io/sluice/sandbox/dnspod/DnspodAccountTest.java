package io.sluice.sandbox.dnspod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The resolver view the DNS server reads. */
final class DnspodAccountTest {
  private final DnspodAccount account = new DnspodAccount();
  private final DnsDomain example = account.addDomain("Example.COM.", DnsPlan.DP_EXPERT);
  private final DnsDomain sub = account.addDomain("eu.example.com", DnsPlan.DP_EXPERT);

  @Test
  void answersEnabledDefaultLineRecordsOfTheHostAndType() {
    save(example, "www", "A", RecordLine.DEFAULT, "10.0.0.1", 70, RecordStatus.ENABLE);
    save(example, "www", "A", RecordLine.DEFAULT, "10.0.0.2", 30, RecordStatus.DISABLE);
    save(example, "www", "A", RecordLine.byName("电信"), "10.0.0.3", 30, RecordStatus.ENABLE);
    save(example, "www", "AAAA", RecordLine.DEFAULT, "::1", null, RecordStatus.ENABLE);

    assertThat(account.enabledRecords("WWW.example.com.", "A"))
        .containsExactly(new DnsAnswer("10.0.0.1", 60, 70));
  }

  @Test
  void apexIsTheAtHostAndTheLongestHostedDomainWins() {
    save(example, "@", "A", RecordLine.DEFAULT, "10.0.0.1", null, RecordStatus.ENABLE);
    save(example, "www.eu", "A", RecordLine.DEFAULT, "10.9.9.9", null, RecordStatus.ENABLE);
    save(sub, "www", "A", RecordLine.DEFAULT, "10.0.0.5", null, RecordStatus.ENABLE);

    assertThat(account.enabledRecords("example.com", "A"))
        .extracting(DnsAnswer::value)
        .containsExactly("10.0.0.1");
    assertThat(account.enabledRecords("www.eu.example.com", "A"))
        .extracting(DnsAnswer::value)
        .containsExactly("10.0.0.5");
    assertThat(account.enabledRecords("www.other.net", "A")).isEmpty();
  }

  private void save(
      DnsDomain domain,
      String host,
      String type,
      RecordLine line,
      String value,
      Integer weight,
      RecordStatus status) {
    account.save(
        domain,
        new DnsRecord(
            account.newRecordId(),
            host,
            type,
            line,
            value,
            60,
            0,
            weight,
            status,
            "",
            Instant.EPOCH,
            ""));
  }
}

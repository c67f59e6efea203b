package io.sluice.sandbox.dataplane.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * DNSPod's answer rule (reference 4.1): with weights, one value drawn in proportion to them (weight
 * 0 never); without, all values in random order, capped per type (AAAA 8, CNAME 1, others 20). The
 * random source is injected so tests are repeatable.
 */
public final class DnsAnswerPicker {

  private final RandomGenerator random;

  public DnsAnswerPicker(RandomGenerator random) {
    this.random = random;
  }

  public synchronized List<DnsRecord> pick(String type, List<DnsRecord> records) {
    if (records.stream().anyMatch(r -> r.weight().isPresent())) {
      return drawOne(records);
    }
    List<DnsRecord> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, random);
    return shuffled.subList(0, Math.min(shuffled.size(), cap(type)));
  }

  private List<DnsRecord> drawOne(List<DnsRecord> records) {
    int total = records.stream().mapToInt(r -> r.weight().orElse(0)).sum();
    if (total == 0) {
      return List.of();
    }
    int ticket = random.nextInt(total);
    for (DnsRecord record : records) {
      ticket -= record.weight().orElse(0);
      if (ticket < 0) {
        return List.of(record);
      }
    }
    throw new IllegalStateException("unreachable: ticket beyond the total weight");
  }

  static int cap(String type) {
    return switch (type) {
      case "AAAA" -> 8;
      case "CNAME" -> 1;
      default -> 20;
    };
  }
}

package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The DNSPod state of one emulated account: its domains and their records. The API actions and
 * tests (seeding, assertions) share it, from different threads, so every method is synchronized and
 * records are immutable values. Every stored record has passed {@link RecordRules}.
 */
public final class DnspodAccount implements DnsZones {
  private static final long FIRST_DOMAIN_ID = 80_000_001L;
  private static final long FIRST_RECORD_ID = 1_500_000_001L;

  private final Map<String, DnsDomain> domains = new LinkedHashMap<>();
  private final Map<Long, Map<Long, DnsRecord>> recordsByDomain = new LinkedHashMap<>();
  private long nextDomainId = FIRST_DOMAIN_ID;
  private long nextRecordId = FIRST_RECORD_ID;
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

  /** Called after every saved record, on the saving thread. */
  public void addChangeListener(Runnable onChange) {
    changeListeners.add(onChange);
  }

  /** The hosted domains in the order they were added. */
  public synchronized List<DnsDomain> domains() {
    return List.copyOf(domains.values());
  }

  /** Hosts a new domain with no records. */
  public synchronized DnsDomain addDomain(String name, DnsPlan plan) {
    String key = normalize(name);
    if (domains.containsKey(key)) {
      throw new IllegalArgumentException("domain: " + key + " is already hosted");
    }
    DnsDomain domain = new DnsDomain(key, nextDomainId++, plan);
    domains.put(key, domain);
    recordsByDomain.put(domain.domainId(), new LinkedHashMap<>());
    return domain;
  }

  /**
   * The domain a request names: {@code DomainId} wins over {@code Domain}, as documented; neither
   * hosted is {@code InvalidParameterValue.DomainNotExists}.
   */
  public synchronized DnsDomain domain(String name, Optional<Long> domainId) {
    Optional<DnsDomain> found =
        domainId.isPresent()
            ? domains.values().stream().filter(d -> d.domainId() == domainId.get()).findFirst()
            : Optional.ofNullable(domains.get(normalize(name)));
    return found.orElseThrow(
        () ->
            new ApiException(
                "InvalidParameterValue.DomainNotExists",
                "The domain `" + name + "` does not exist in this account."));
  }

  /** The domain's records in creation order. */
  public synchronized List<DnsRecord> records(DnsDomain domain) {
    return List.copyOf(recordsOf(domain).values());
  }

  /** The record, or {@code InvalidParameter.RecordIdInvalid} (mapping UNCONFIRMED). */
  public synchronized DnsRecord record(DnsDomain domain, long recordId) {
    DnsRecord record = recordsOf(domain).get(recordId);
    if (record == null) {
      throw new ApiException(
          "InvalidParameter.RecordIdInvalid", "The record id `" + recordId + "` is invalid.");
    }
    return record;
  }

  /** A fresh record id, for a record about to be created. */
  public synchronized long newRecordId() {
    return nextRecordId++;
  }

  /** Stores a new or replacing record after checking it against the domain's rules. */
  public DnsRecord save(DnsDomain domain, DnsRecord record) {
    synchronized (this) {
      RecordRules.check(record, domain.plan());
      recordsOf(domain).put(record.recordId(), record);
    }
    // outside the account's lock, so a listener may take its own lock and then read the account
    changeListeners.forEach(Runnable::run);
    return record;
  }

  /** True when the name lies inside a hosted zone. */
  public synchronized boolean isAuthoritativeFor(String name) {
    String fqdn = normalize(name);
    return domains.values().stream()
        .anyMatch(d -> fqdn.equals(d.name()) || fqdn.endsWith("." + d.name()));
  }

  /** True when an enabled record of any type exists at the name. */
  public synchronized boolean hasName(String name) {
    String fqdn = normalize(name);
    for (DnsDomain d : domains.values()) {
      String host =
          fqdn.equals(d.name())
              ? "@"
              : fqdn.endsWith("." + d.name())
                  ? fqdn.substring(0, fqdn.length() - d.name().length() - 1)
                  : null;
      if (host != null
          && recordsOf(d).values().stream()
              .anyMatch(r -> r.enabled() && r.subDomain().equalsIgnoreCase(host))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized List<DnsAnswer> enabledRecords(String name, String type) {
    String fqdn = normalize(name);
    Optional<DnsDomain> zone =
        domains.values().stream()
            .filter(d -> fqdn.equals(d.name()) || fqdn.endsWith("." + d.name()))
            .max((a, b) -> Integer.compare(a.name().length(), b.name().length()));
    if (zone.isEmpty()) {
      return List.of();
    }
    String host =
        fqdn.equals(zone.get().name())
            ? "@"
            : fqdn.substring(0, fqdn.length() - zone.get().name().length() - 1);
    List<DnsAnswer> answers = new ArrayList<>();
    for (DnsRecord r : recordsOf(zone.get()).values()) {
      if (r.enabled()
          && r.subDomain().equalsIgnoreCase(host)
          && r.type().equalsIgnoreCase(type)
          && r.line().equals(RecordLine.DEFAULT)) {
        answers.add(new DnsAnswer(r.value(), r.ttl(), r.weight()));
      }
    }
    return answers;
  }

  private Map<Long, DnsRecord> recordsOf(DnsDomain domain) {
    return recordsByDomain.get(domain.domainId());
  }

  private static String normalize(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}

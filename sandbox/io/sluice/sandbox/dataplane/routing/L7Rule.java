package io.sluice.sandbox.dataplane.routing;

import java.util.Locale;
import java.util.Objects;

/**
 * One forwarding rule of an HTTP listener, an immutable snapshot read on each request so that a
 * control-plane change takes effect on the next request without any push.
 *
 * @param locationId {@code loc-…}; also the key of the rule's round-robin state
 * @param domain exact host ({@code www.example.com}) or a leading wildcard ({@code *.example.com})
 * @param url path prefix, e.g. {@code /} or {@code /api}
 */
public record L7Rule(String locationId, String domain, String url, RuleBackends backends) {
  public L7Rule {
    Objects.requireNonNull(locationId, "locationId");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(backends, "backends");
    domain = domain.toLowerCase(Locale.ROOT);
  }
}

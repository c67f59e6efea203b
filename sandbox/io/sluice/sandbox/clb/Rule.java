package io.sluice.sandbox.clb;

import java.time.Instant;
import java.util.Objects;

/**
 * A layer-7 forwarding rule: {@code LocationId} and the pair {@code Domain}+{@code Url} both name
 * it; the data plane routes a request to it by Host and path.
 */
public record Rule(
    String locationId, String domain, String url, Instant createdAt, Backends backends) {
  public Rule {
    Objects.requireNonNull(locationId, "locationId");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(backends, "backends");
  }

  public boolean matches(String d, String u) {
    return domain.equals(d) && url.equals(u);
  }

  public Rule withBackends(Backends next) {
    return new Rule(locationId, domain, url, createdAt, next);
  }
}

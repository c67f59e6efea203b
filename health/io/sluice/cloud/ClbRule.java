package io.sluice.cloud;

import java.util.Objects;
import java.util.Optional;

/**
 * One CLB layer-7 forwarding rule, named by its {@code locationId} or by its domain and url (as a
 * config may name it before the rule's id is known).
 */
public record ClbRule(
    String loadBalancerId,
    String listenerId,
    Optional<String> locationId,
    Optional<String> domain,
    Optional<String> url) {
  public ClbRule {
    Objects.requireNonNull(loadBalancerId, "loadBalancerId");
    Objects.requireNonNull(listenerId, "listenerId");
    Objects.requireNonNull(locationId, "locationId");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(url, "url");
    if (locationId.isPresent() == (domain.isPresent() && url.isPresent())) {
      throw new IllegalArgumentException(
          "a rule is named by locationId, or by domain and url; got locationId "
              + locationId.orElse("(none)")
              + ", domain "
              + domain.orElse("(none)")
              + ", url "
              + url.orElse("(none)"));
    }
  }

  /** The rule {@code locationId} of a listener. */
  public ClbRule(String loadBalancerId, String listenerId, String locationId) {
    this(loadBalancerId, listenerId, Optional.of(locationId), Optional.empty(), Optional.empty());
  }

  /** The rule for {@code domain} and {@code url} of a listener. */
  public static ClbRule byDomain(
      String loadBalancerId, String listenerId, String domain, String url) {
    return new ClbRule(
        loadBalancerId, listenerId, Optional.empty(), Optional.of(domain), Optional.of(url));
  }

  /** Whether a rule as an API answer names it is this one. */
  public boolean is(String answerLocationId, String answerDomain, String answerUrl) {
    return locationId.isPresent()
        ? locationId.get().equals(answerLocationId)
        : domain.get().equals(answerDomain) && url.get().equals(answerUrl);
  }

  @Override
  public String toString() {
    return loadBalancerId
        + "/"
        + listenerId
        + "/"
        + locationId.orElseGet(() -> domain.get() + url.get());
  }
}

package io.sluice.sandbox.dataplane.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the rule a request goes to the way a CLB layer-7 listener does: first the domain (an exact
 * match beats a wildcard, a longer wildcard beats a shorter one), then, among that domain's rules,
 * the longest URL prefix. Regular-expression rules are not emulated.
 */
public final class RuleMatcher {

  private RuleMatcher() {}

  /**
   * @param host the request's host without port
   * @param path the request path, starting with {@code /}
   */
  public static Optional<L7Rule> match(List<L7Rule> rules, String host, String path) {
    String h = host.toLowerCase(Locale.ROOT);
    return rules.stream()
        .filter(rule -> domainScore(rule.domain(), h) > 0)
        .filter(rule -> path.startsWith(rule.url()))
        .max(
            Comparator.comparingInt((L7Rule rule) -> domainScore(rule.domain(), h))
                .thenComparingInt(rule -> rule.url().length()));
  }

  /** 0 when the domain does not match; exact matches outrank every wildcard. */
  private static int domainScore(String domain, String host) {
    if (domain.equals(host)) {
      return Integer.MAX_VALUE;
    }
    if (domain.startsWith("*.")) {
      String suffix = domain.substring(1);
      return host.endsWith(suffix) && host.length() > suffix.length() ? suffix.length() : 0;
    }
    return 0;
  }
}

package io.sluice.sandbox.dataplane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class RuleMatcherTest {

  private static final RuleBackends NONE = new RuleBackends.Cvms(List.of());

  private final List<L7Rule> rules =
      List.of(
          new L7Rule("loc-root", "www.example.com", "/", NONE),
          new L7Rule("loc-api", "www.example.com", "/api", NONE),
          new L7Rule("loc-api-v2", "www.example.com", "/api/v2", NONE),
          new L7Rule("loc-wild", "*.example.com", "/", NONE));

  private String match(String host, String path) {
    return RuleMatcher.match(rules, host, path).map(L7Rule::locationId).orElse("none");
  }

  @Test
  void choosesTheLongestUrlPrefix() {
    assertThat(match("www.example.com", "/api/v2/users")).isEqualTo("loc-api-v2");
    assertThat(match("www.example.com", "/api/v1")).isEqualTo("loc-api");
    assertThat(match("www.example.com", "/index.html")).isEqualTo("loc-root");
  }

  @Test
  void prefersAnExactDomainToAWildcardAndIgnoresCase() {
    assertThat(match("WWW.Example.com", "/api")).isEqualTo("loc-api");
    assertThat(match("shop.example.com", "/api")).isEqualTo("loc-wild");
  }

  @Test
  void findsNothingForAnotherDomain() {
    assertThat(match("example.org", "/")).isEqualTo("none");
    assertThat(match("example.com", "/")).isEqualTo("none");
  }
}

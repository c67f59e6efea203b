package io.sluice.controller.config;

import io.sluice.health.BackendRule;
import io.sluice.health.Composition;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.util.List;
import java.util.Set;

/**
 * How a backend's probe results make its health.
 *
 * @param require how many probes must pass: all, or N of them
 * @param mustPass probes that must pass in any case
 * @param quorum the backend is healthy while more than this fraction of vantage points say so
 *     (Route 53 uses 18%)
 */
public record HealthConfig(
    RequiredPasses require,
    List<String> mustPass,
    @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) double quorum) {
  public static final RequiredPasses DEFAULT_REQUIRE = RequiredPasses.ALL;
  public static final double DEFAULT_QUORUM = 0.18;

  public HealthConfig {
    mustPass = Immutable.list(mustPass);
  }

  /** The rule the health verdicts apply. */
  public BackendRule toRule() {
    Composition composition =
        require.isAll() ? Composition.all() : Composition.atLeast(require.count());
    return new BackendRule(composition, Set.copyOf(mustPass), quorum);
  }
}

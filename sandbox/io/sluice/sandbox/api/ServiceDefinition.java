package io.sluice.sandbox.api;

import java.util.Map;
import java.util.Objects;

/**
 * One emulated product: the API version it answers, whether it needs {@code X-TC-Region}, and its
 * actions with their documented per-second rate limits.
 *
 * @param service the product name, e.g. {@code clb}
 * @param version the one API version answered, e.g. {@code 2018-03-17}; others get {@code
 *     NoSuchVersion}
 * @param regionRequired true when a missing or empty {@code X-TC-Region} is an error
 * @param actions by action name, as the {@code X-TC-Action} header spells it
 */
public record ServiceDefinition(
    String service, String version, boolean regionRequired, Map<String, Action> actions) {

  public ServiceDefinition {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    actions = Map.copyOf(actions);
  }

  /**
   * @param handler the action itself
   * @param ratePerSecond the documented limit per action, per credential, per second; above it the
   *     call gets {@code RequestLimitExceeded}
   * @param mutation true for writes, which the mutation log records when accepted
   */
  public record Action(ApiAction handler, int ratePerSecond, boolean mutation) {
    public Action {
      Objects.requireNonNull(handler, "handler");
      if (ratePerSecond < 1) {
        throw new IllegalArgumentException(
            "ratePerSecond: must be at least 1, got " + ratePerSecond);
      }
    }

    public static Action read(int ratePerSecond, ApiAction handler) {
      return new Action(handler, ratePerSecond, false);
    }

    public static Action write(int ratePerSecond, ApiAction handler) {
      return new Action(handler, ratePerSecond, true);
    }
  }
}

package io.sluice.sandbox.api;

import io.vertx.core.json.JsonObject;

/**
 * What the first half of {@link ApiDispatcher} makes of a call: rejected with its error envelope,
 * or admitted, meaning it is signed by a known key and names a known action and version. Only an
 * admitted call meets the injected faults, as only a real call would be throttled or failed by a
 * real cloud; a call rejected here never counts against a fault's remaining uses.
 */
sealed interface Admission {

  /** The call is answered with this error envelope and goes no further. */
  record Rejected(JsonObject envelope) implements Admission {}

  /**
   * An authenticated call routed to an action; {@link ApiDispatcher#answer} runs it.
   *
   * @param route the product and action it names
   * @param version the {@code X-TC-Version} header
   * @param region the {@code X-TC-Region} header, empty when absent
   * @param secretId the caller's SecretId, from the verified signature
   * @param call the call as it came off the wire
   * @param requestId the id of this call
   */
  record Admitted(
      ActionRouter.Route route,
      String version,
      String region,
      String secretId,
      HttpCall call,
      String requestId)
      implements Admission {

    public String action() {
      return route.actionName();
    }
  }
}

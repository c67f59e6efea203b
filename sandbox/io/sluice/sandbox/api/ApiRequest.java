package io.sluice.sandbox.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified API call, as an action sees it.
 *
 * @param service the product ({@code clb}, {@code dnspod}...), from the routing, not the host
 * @param version the {@code X-TC-Version} header
 * @param action the {@code X-TC-Action} header
 * @param region the {@code X-TC-Region} header, empty when absent
 * @param secretId the caller's SecretId (from the verified signature)
 * @param requestId the id of this call; CLB writes use it as their async task id
 * @param body the JSON body
 * @param now the sandbox's clock at arrival
 */
public record ApiRequest(
    String service,
    String version,
    String action,
    String region,
    String secretId,
    String requestId,
    JsonObject body,
    Instant now) {

  public ApiRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(secretId, "secretId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(now, "now");
  }

  /** Typed, validated access to the parameters. */
  public Params params() {
    return new Params(body);
  }
}

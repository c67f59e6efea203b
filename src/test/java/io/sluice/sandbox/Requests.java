package io.sluice.sandbox;

import io.sluice.sandbox.api.ApiException;
import io.sluice.sandbox.api.ApiRequest;
import io.sluice.sandbox.api.ServiceDefinition;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;

/**
 * Calls a {@link ServiceDefinition}'s actions directly, as the API server will: one verified
 * request with a fresh RequestId, the sandbox clock's time and a region.
 */
public final class Requests {
  private final ServiceDefinition service;
  private final Clock clock;
  private final String region;
  private final AtomicInteger sequence = new AtomicInteger();
  private String lastRequestId;

  public Requests(ServiceDefinition service, Clock clock, String region) {
    this.service = service;
    this.clock = clock;
    this.region = region;
  }

  public JsonObject call(String action, JsonObject body) {
    lastRequestId = "req-" + sequence.incrementAndGet();
    ApiRequest req =
        new ApiRequest(
            service.service(),
            service.version(),
            action,
            region,
            "AKIDtest",
            lastRequestId,
            body,
            clock.instant());
    return service.actions().get(action).handler().handle(req);
  }

  /** The error code the call answers; fails the test when it succeeds. */
  public String error(String action, JsonObject body) {
    try {
      call(action, body);
    } catch (ApiException e) {
      return e.code();
    }
    return Assertions.fail("%s succeeded, expected an error", action);
  }

  public String lastRequestId() {
    return lastRequestId;
  }
}

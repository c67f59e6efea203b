package io.sluice.sandbox.api;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one verified-or-not call into its response envelope, with no HTTP in sight: headers
 * present, signature, routing, region, rate limit, the action, the mutation log. Everything a
 * client can get wrong is answered here with the documented code, so unit tests can cover the rules
 * without a server. It works in two halves, {@link #admit} and {@link #answer}, so that the server
 * can apply injected faults to admitted calls only.
 *
 * <p>Two decisions on points the reference leaves UNCONFIRMED: a product that requires a region
 * answers a missing or empty {@code X-TC-Region} with {@code MissingParameter} naming the header
 * (Tencent may use {@code InvalidParameter.RegionNotFound}); and request keys an action does not
 * know are ignored rather than answered with {@code UnknownParameter}, because newer SDK models
 * send fields an older emulated action may not read, and rejecting them would fail the controller
 * for no reason the real cloud would give.
 */
public final class ApiDispatcher {
  /** How long an action may take before the server gives up on it, unless configured. */
  public static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

  private final Clock clock;
  private final Credentials credentials;
  private final RequestAuthenticator authenticator;
  private final ActionRouter router;
  private final ActionRateLimiter rateLimiter;
  private final MutationLog mutationLog;
  private final Duration actionTimeout;

  /**
   * @param clock wall time, for the signatures' timestamps
   * @param nanos monotonic time, for the rate limits
   * @param actionTimeout how long an action may take: past it the call is answered {@code
   *     InternalError}, so that an action that never completes cannot hold a connection forever
   */
  public ApiDispatcher(
      Clock clock,
      LongSupplier nanos,
      Credentials credentials,
      ControlPlaneFaults faults,
      MutationLog mutationLog,
      List<ServiceDefinition> services,
      Duration actionTimeout) {
    this.clock = clock;
    this.credentials = credentials;
    this.authenticator = new RequestAuthenticator(clock, credentials, faults::clockSkew);
    this.router = new ActionRouter(services);
    this.rateLimiter = new ActionRateLimiter(nanos);
    this.mutationLog = mutationLog;
    if (!actionTimeout.isPositive()) {
      throw new IllegalArgumentException("actionTimeout: must be positive, got " + actionTimeout);
    }
    this.actionTimeout = actionTimeout;
  }

  /**
   * The full envelope, success or error, for the call: {@link #admit} then {@link #answer}, with no
   * fault in between. It completes when the action does; it never fails.
   */
  public Future<JsonObject> dispatch(HttpCall call, String requestId) {
    return switch (admit(call, requestId)) {
      case Admission.Rejected rejected -> Future.succeededFuture(rejected.envelope());
      case Admission.Admitted admitted -> answer(admitted);
    };
  }

  /**
   * The checks every call must pass before it reaches an action: the headers, the signature, the
   * routing and the region. A call that fails one is rejected with the documented error.
   */
  Admission admit(HttpCall call, String requestId) {
    try {
      String action = requiredHeader(call, "X-TC-Action");
      String version = requiredHeader(call, "X-TC-Version");
      String secretId = authenticator.authenticate(call);
      ActionRouter.Route route = router.route(version, action);
      String region = call.headerOrEmpty("X-TC-Region").trim();
      if (route.service().regionRequired() && region.isEmpty()) {
        throw new ApiException("MissingParameter", "The parameter `X-TC-Region` is missing.");
      }
      return new Admission.Admitted(route, version, region, secretId, call, requestId);
    } catch (RuntimeException e) {
      return new Admission.Rejected(errorEnvelope(e, requestId));
    }
  }

  /**
   * The envelope of an admitted call: the rate limit, the parameters, the action and the mutation
   * log. It completes when the action does, or as {@code InternalError} once the action timeout has
   * passed; it never fails (every failure becomes an error envelope).
   */
  Future<JsonObject> answer(Admission.Admitted admitted) {
    Future<JsonObject> fields;
    try {
      fields = bounded(run(admitted), admitted.action());
    } catch (RuntimeException e) {
      fields = Future.failedFuture(e);
    }
    return fields
        .map(f -> Envelopes.success(f, admitted.requestId()))
        .otherwise(failure -> errorEnvelope(failure, admitted.requestId()));
  }

  private static JsonObject errorEnvelope(Throwable failure, String requestId) {
    if (failure instanceof ApiException e) {
      return Envelopes.error(e, requestId);
    }
    LOG.error("Sandbox action failed unexpectedly; answering InternalError", failure);
    return Envelopes.error("InternalError", "An internal error occurred.", requestId);
  }

  private Future<JsonObject> bounded(Future<JsonObject> answer, String action) {
    return answer
        .timeout(actionTimeout.toMillis(), TimeUnit.MILLISECONDS)
        // The bound's failure is told from the action's own by whether the action has completed:
        // if it has, its outcome stands, so an answer racing the bound is never replaced.
        .recover(failure -> answer.isComplete() ? answer : Future.failedFuture(overdue(action)));
  }

  private ApiException overdue(String action) {
    return new ApiException(
        "InternalError",
        "The action `"
            + action
            + "` did not answer within "
            + asWritten(actionTimeout)
            + " (the sandbox's actionTimeout setting).");
  }

  /** {@code 30s} or {@code 250ms}, as the setting is written. */
  private static String asWritten(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private Future<JsonObject> run(Admission.Admitted admitted) {
    ActionRouter.Route route = admitted.route();
    String service = route.service().service();
    rateLimiter.acquire(
        admitted.secretId(), service, admitted.action(), route.action().ratePerSecond());
    Instant now = clock.instant();
    ApiRequest request =
        new ApiRequest(
            service,
            admitted.version(),
            admitted.action(),
            admitted.region(),
            admitted.secretId(),
            admitted.requestId(),
            parameters(admitted.call()),
            now);
    return route
        .action()
        .handler()
        .handleAsync(request)
        .onSuccess(
            fields -> {
              if (route.action().mutation()) {
                mutationLog.record(
                    new Mutation(
                        now,
                        request.secretId(),
                        credentials
                            .find(request.secretId())
                            .map(Credentials.Credential::name)
                            .orElse(request.secretId()),
                        service,
                        request.action(),
                        request.body(),
                        request.requestId()));
              }
            });
  }

  private static String requiredHeader(HttpCall call, String name) {
    String value = call.headerOrEmpty(name).trim();
    if (value.isEmpty()) {
      throw new ApiException("MissingParameter", "The parameter `" + name + "` is missing.");
    }
    return value;
  }

  private static JsonObject parameters(HttpCall call) {
    String text = new String(call.body(), StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new ApiException("InvalidParameter", "The request body is not a JSON object.");
    }
  }
}

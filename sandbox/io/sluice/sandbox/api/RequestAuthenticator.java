package io.sluice.sandbox.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checks a call's TC3 signature the way the real gateway does, so the controller's signing code is
 * exercised against the real rules. Checks, in order: a well-formed {@code Authorization} ({@code
 * AuthFailure.InvalidAuthorization}), a known SecretId that is not revoked ({@code
 * AuthFailure.SecretIdNotFound}, as for a disabled key), a timestamp within 300 s of the server's
 * clock ({@code AuthFailure.SignatureExpire}), the signature recomputed from the raw body, the
 * {@code Host} and {@code Content-Type} values and the scope in {@code Credential=} ({@code
 * AuthFailure.SignatureFailure}), and the session token of temporary keys ({@code
 * AuthFailure.TokenFailure}). A scope date other than the timestamp's UTC date is a signature
 * failure. The server's clock is the injected clock plus the configured skew, so tests can provoke
 * an expired signature without waiting.
 */
public final class RequestAuthenticator {
  /** How far the request's timestamp may be from the server's clock. */
  public static final Duration MAX_SKEW = Duration.ofSeconds(300);

  private final Clock clock;
  private final Credentials credentials;
  private final Supplier<Duration> serverClockOffset;

  public RequestAuthenticator(
      Clock clock, Credentials credentials, Supplier<Duration> serverClockOffset) {
    this.clock = clock;
    this.credentials = credentials;
    this.serverClockOffset = serverClockOffset;
  }

  /** The caller's SecretId, or throws the documented {@code AuthFailure.*} error. */
  public String authenticate(HttpCall call) {
    Tc3Authorization auth = Tc3Authorization.parse(call.header("Authorization").orElse(null));
    Credentials.Credential credential =
        credentials
            .find(auth.secretId())
            .orElseThrow(
                () ->
                    new ApiException(
                        "AuthFailure.SecretIdNotFound",
                        "The SecretId is not found, please ensure that your SecretId is correct."));
    if (credentials.isRevoked(credential.secretId())) {
      throw new ApiException(
          "AuthFailure.SecretIdNotFound",
          "The SecretId is disabled, please ensure that your SecretId is correct.");
    }
    long timestamp = timestamp(call);
    long now = clock.instant().plus(serverClockOffset.get()).getEpochSecond();
    if (Math.abs(now - timestamp) > MAX_SKEW.toSeconds()) {
      throw new ApiException(
          "AuthFailure.SignatureExpire",
          "Signature expired. Timestamp "
              + timestamp
              + " is more than 300 s from now ("
              + now
              + ").");
    }
    if (!auth.date().equals(Tc3Input.utcDate(timestamp))
        || !Tc3Signer.verify(
            credential.secretKey(), input(call, auth, timestamp), auth.signature())) {
      throw new ApiException(
          "AuthFailure.SignatureFailure",
          "The provided credentials could not be validated. Please check your signature is correct.");
    }
    credential
        .token()
        .filter(token -> !token.equals(call.headerOrEmpty("X-TC-Token")))
        .ifPresent(
            token -> {
              throw new ApiException(
                  "AuthFailure.TokenFailure", "The X-TC-Token of the temporary key is invalid.");
            });
    return auth.secretId();
  }

  private static Tc3Input input(HttpCall call, Tc3Authorization auth, long timestamp) {
    TreeMap<String, String> signed = new TreeMap<>();
    for (String name : auth.signedHeaders()) {
      signed.put(name.toLowerCase(Locale.ROOT), call.headerOrEmpty(name));
    }
    String payloadHash =
        Tc3Signer.UNSIGNED_PAYLOAD.equals(call.headerOrEmpty("X-TC-Content-SHA256"))
            ? Tc3Signer.sha256Hex(Tc3Signer.UNSIGNED_PAYLOAD)
            : Tc3Signer.sha256Hex(call.body());
    return new Tc3Input(auth.date(), auth.service(), timestamp, signed, payloadHash);
  }

  private static long timestamp(HttpCall call) {
    String value =
        call.header("X-TC-Timestamp")
            .orElseThrow(
                () ->
                    new ApiException(
                        "MissingParameter", "The parameter `X-TC-Timestamp` is missing."));
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ApiException(
          "InvalidParameter", "The parameter `X-TC-Timestamp` must be Unix seconds, got " + value);
    }
  }
}

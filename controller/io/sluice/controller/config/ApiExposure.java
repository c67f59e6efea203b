package io.sluice.controller.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What the API needs before it may listen beyond this host: credentials (a token or a client
 * certificate), since anyone who can connect can try; and TLS, since a bearer token sent in plain
 * text is anyone's who can read the path, unless {@code api.allowPlaintextTokens} says a proxy
 * terminates TLS in front. The config's {@code api.listen} and the effective address after {@code
 * --listen} are checked by the same rules.
 */
public final class ApiExposure {
  private ApiExposure() {}

  /**
   * Why {@code api} may not be served on {@code host}, each a rule for the caller to follow with
   * the address it got; empty when it may.
   */
  public static List<String> refusals(ControllerConfig.Api api, String host) {
    List<String> refusals = new ArrayList<>();
    if (HostPort.isLoopback(host)) {
      return refusals;
    }
    boolean clientCertificates = api.tls().map(t -> !t.clients().isEmpty()).orElse(false);
    if (api.tokens().isEmpty() && !clientCertificates) {
      refusals.add("must be a loopback address while api.tokens is empty");
    }
    if (api.tls().isEmpty() && !api.allowPlaintextTokens()) {
      refusals.add(
          "must be a loopback address without api.tls: bearer tokens would cross the network in"
              + " plain text (configure api.tls, or set api.allowPlaintextTokens: true when a"
              + " TLS-terminating proxy is in front)");
    }
    return refusals;
  }

  /** True when tokens will cross the network in plain text, as allowed: worth a warning. */
  public static boolean plaintextBeyondLoopback(ControllerConfig.Api api, String host) {
    return !HostPort.isLoopback(host) && api.tls().isEmpty();
  }
}

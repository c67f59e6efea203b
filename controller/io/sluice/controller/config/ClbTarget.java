package io.sluice.controller.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * The CLB forwarding rule a backend is bound to: a layer-7 rule by {@code locationId} or by {@code
 * domain} and {@code url}, or a layer-4 listener by itself.
 *
 * @param vip the address probes reach the CLB at by default
 * @param hostname the name probes reach the CLB at by default, instead of {@code vip}
 */
public record ClbTarget(
    @NotNull @Pattern(regexp = "^lb-[a-z0-9]+$") String loadBalancerId,
    @NotNull @Pattern(regexp = "^lbl-[a-z0-9]+$") String listenerId,
    @NotNull ListenerProtocol listenerProtocol,
    Optional<@Pattern(regexp = "^loc-[a-z0-9]+$") String> locationId,
    Optional<String> domain,
    Optional<@Pattern(regexp = "^/.*$") String> url,
    Optional<String> vip,
    Optional<String> hostname) {

  /** The vip, or else the hostname. */
  public Optional<String> address() {
    return vip.or(() -> hostname);
  }

  /** A CLB listener's protocol. */
  public enum ListenerProtocol {
    HTTP,
    HTTPS,
    TCP,
    UDP,
    TCP_SSL,
    QUIC;

    /** True for listeners without layer-7 rules, to which CLB cannot bind a function. */
    public boolean isLayer4() {
      return this != HTTP && this != HTTPS;
    }
  }
}

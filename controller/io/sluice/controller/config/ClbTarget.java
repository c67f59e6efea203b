package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.cloud.ClbRule;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;
import java.util.Optional;

/**
 * The CLB forwarding rule a backend is bound to: a layer-7 rule by {@code locationId} or by {@code
 * domain} and {@code url}, or a layer-4 listener by itself.
 *
 * @param vip the address probes reach the CLB at by default
 * @param hostname the name probes reach the CLB at by default, instead of {@code vip}
 * @param ipVersion the CLB's IP version, as Tencent's AddressIPVersion; needed to tell an IPv6
 *     NAT64 CLB (which can forward to a function) from a pure IPv6 one (which cannot)
 */
public record ClbTarget(
    @NotNull @Pattern(regexp = "^lb-[a-z0-9]+$") String loadBalancerId,
    @NotNull @Pattern(regexp = "^lbl-[a-z0-9]+$") String listenerId,
    @NotNull ListenerProtocol listenerProtocol,
    Optional<@Pattern(regexp = "^loc-[a-z0-9]+$") String> locationId,
    Optional<String> domain,
    Optional<@Pattern(regexp = "^/.*$") String> url,
    Optional<String> vip,
    Optional<String> hostname,
    Optional<IpVersion> ipVersion) {

  /** The vip, or else the hostname. */
  public Optional<String> address() {
    return vip.or(() -> hostname);
  }

  /** The layer-7 rule this names; empty for a layer-4 listener, which has none. */
  public Optional<ClbRule> rule() {
    if (locationId.isPresent()) {
      return Optional.of(new ClbRule(loadBalancerId, listenerId, locationId.get()));
    }
    if (domain.isPresent() && url.isPresent()) {
      return Optional.of(ClbRule.byDomain(loadBalancerId, listenerId, domain.get(), url.get()));
    }
    return Optional.empty();
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

  /** A CLB's IP version: Tencent's AddressIPVersion IPV4, IPV6 (NAT64) and IPv6FullChain. */
  public enum IpVersion {
    IPV4,
    /** An IPv6 address in front, IPv4 behind: CLB can forward to a function. */
    IPV6_NAT64,
    /** IPv6 all the way (Tencent's IPv6FullChain): CLB cannot forward to a function. */
    IPV6;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}

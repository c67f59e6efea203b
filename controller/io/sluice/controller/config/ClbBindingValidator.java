package io.sluice.controller.config;

import io.sluice.cloud.ClbRule;
import io.sluice.cloud.FunctionRef;
import io.sluice.controller.config.ClbTarget.IpVersion;
import io.sluice.controller.config.ServiceConfig.ActuatorKind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tencent's restrictions on CLB forwarding to an SCF function, as far as a config can state them:
 * the region; a layer-7 rule (also the CVM rule that clb-rule switches to the function); one
 * function per rule, and one service switching a rule; an IPv4 or IPv6 NAT64 CLB, not a pure IPv6
 * one. What the config cannot state (the function in the CLB's region, not a classic CLB, not a
 * basic-network CLB, a standard rather than a bill-by-IP account, an Event function) is left to the
 * checks against the real account.
 */
final class ClbBindingValidator {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

  /** Hex digits and colons (and a dotted IPv4 tail), starting with a hex digit or a colon. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  private final Problems problems;

  ClbBindingValidator(Problems problems) {
    this.problems = problems;
  }

  /** A rule bound to a function, and where the config binds it. */
  private record Binding(FunctionRef function, ConfigPath at) {}

  void validate(SluiceConfig config) {
    if (config.controller() != null) {
      region(config.controller().region(), ConfigPath.ROOT.key("controller").key("region"));
    }
    Map<RuleKey, Binding> functions = new HashMap<>();
    Map<RuleKey, ConfigPath> switched = new HashMap<>();
    ConfigPath services = ConfigPath.ROOT.key("services");
    for (int i = 0; i < config.services().size(); i++) {
      ServiceConfig s = config.services().get(i);
      if (s.backends() == null || s.backends().cvm() == null || s.backends().scf() == null) {
        continue;
      }
      ConfigPath backends = services.index(i).key("backends");
      boolean switches = s.actuator() != null && switches(s.actuator().kind());
      ClbTarget cvm = s.backends().cvm().clb();
      ClbTarget scf = s.backends().scf().clb();
      Optional<FunctionRef> function =
          Optional.ofNullable(s.backends().scf().function())
              .filter(f -> f.name() != null)
              .map(BackendConfig.Function::ref);
      if (scf != null) {
        ConfigPath at = backends.key("scf").key("clb");
        address(scf, at, true);
        function.ifPresent(f -> oneFunctionPerRule(scf, f, at, functions));
      }
      if (cvm != null) {
        ConfigPath at = backends.key("cvm").key("clb");
        address(cvm, at, switches);
        if (switches) {
          switchedRule(s, cvm, at);
          function.ifPresent(f -> oneFunctionPerRule(cvm, f, at, functions));
          oneServicePerSwitchedRule(cvm, at, switched);
        }
      }
    }
  }

  private static boolean switches(ActuatorKind kind) {
    return kind != null && kind != ActuatorKind.DNS_WEIGHT;
  }

  private void region(String region, ConfigPath at) {
    if (region != null && !problems.reportedWithin(at) && !ScfClbRegions.contains(region)) {
      problems.at(
          at,
          "must be a region where CLB can forward to SCF ("
              + String.join(", ", ScfClbRegions.ids())
              + ", as Tencent lists them), got "
              + region);
    }
  }

  /**
   * The vip is an address, of the family ipVersion says; a CLB that forwards to a function is IPv4
   * or IPv6 NAT64, not pure IPv6.
   */
  private void address(ClbTarget clb, ConfigPath at, boolean forwardsToAFunction) {
    Optional<String> vip = clb.vip();
    Optional<IpVersion> declared = clb.ipVersion();
    if (vip.isPresent() && !isIpv4(vip.get()) && !isIpv6(vip.get())) {
      problems.at(
          at.key("vip"),
          "must be an IP address, the CLB's VIP (a name goes in hostname), got '"
              + vip.get()
              + "'");
      return;
    }
    boolean ipv6Vip = vip.filter(ClbBindingValidator::isIpv6).isPresent();
    if (vip.isPresent() && declared.isPresent() && (declared.get() != IpVersion.IPV4) != ipv6Vip) {
      problems.at(
          at.key("ipVersion"),
          "must match the vip, an IPv"
              + (ipv6Vip ? "6" : "4")
              + " address ("
              + vip.get()
              + "), got "
              + declared.get().id());
      return;
    }
    if (!forwardsToAFunction) {
      return;
    }
    if (declared.filter(v -> v == IpVersion.IPV6).isPresent()) {
      problems.at(
          at.key("ipVersion"),
          "CLB forwards to a function only from an IPv4 or IPv6 NAT64 CLB, not a pure IPv6 one"
              + " (Tencent's IPv6FullChain), got ipv6");
    } else if (ipv6Vip && declared.isEmpty()) {
      problems.at(
          at.key("vip"),
          "is an IPv6 address, and CLB forwards to a function only from an IPv4 or IPv6 NAT64 CLB,"
              + " not a pure IPv6 one; for an IPv6 NAT64 CLB write ipVersion: ipv6-nat64, got "
              + vip.get());
    }
  }

  /** The CVM rule clb-rule switches to the function must be a layer-7 rule, like any other. */
  private void switchedRule(ServiceConfig s, ClbTarget cvm, ConfigPath at) {
    if (cvm.listenerProtocol() != null && cvm.listenerProtocol().isLayer4()) {
      problems.at(
          at.key("listenerProtocol"),
          "actuator "
              + s.actuator().kind().id()
              + " switches this rule to the function on failover, and CLB binds a function only to"
              + " an HTTP or HTTPS listener's rule (use actuator dns-weight for a layer-4"
              + " listener), got "
              + cvm.listenerProtocol());
    }
  }

  /** CLB binds one function to a rule; two services may not bind two. */
  private void oneFunctionPerRule(
      ClbTarget clb, FunctionRef function, ConfigPath at, Map<RuleKey, Binding> functions) {
    RuleKey.of(clb)
        .ifPresent(
            rule -> {
              Binding first = functions.putIfAbsent(rule, new Binding(function, at));
              if (first != null && !first.function().equals(function)) {
                problems.at(
                    rule.at(at),
                    "CLB binds one function per rule, and "
                        + first.at()
                        + " binds rule "
                        + rule
                        + " to "
                        + first.function()
                        + ", got "
                        + function);
              }
            });
  }

  /** Two services switching one rule would undo each other's moves. */
  private void oneServicePerSwitchedRule(
      ClbTarget cvm, ConfigPath at, Map<RuleKey, ConfigPath> switched) {
    RuleKey.of(cvm)
        .ifPresent(
            rule -> {
              ConfigPath first = switched.putIfAbsent(rule, at);
              if (first != null) {
                problems.at(
                    rule.at(at),
                    "is also switched by "
                        + first
                        + ": two services switching one rule would undo each other's moves, got "
                        + rule);
              }
            });
  }

  private static boolean isIpv4(String address) {
    return IPV4.matcher(address).matches();
  }

  private static boolean isIpv6(String address) {
    if (!IPV6.matcher(address).matches()) {
      return false;
    }
    try {
      // starting with a hex digit or a colon and holding a colon, it is parsed, never looked up
      return InetAddress.getByName(address) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * A rule as two services could both name it: domains compare without case. A rule named by
   * locationId and one named by domain and url are not recognised as the same here.
   */
  private record RuleKey(ClbRule rule) {
    static Optional<RuleKey> of(ClbTarget clb) {
      if (clb.loadBalancerId() == null || clb.listenerId() == null) {
        return Optional.empty();
      }
      return clb.rule()
          .map(
              r ->
                  new RuleKey(
                      new ClbRule(
                          r.loadBalancerId(),
                          r.listenerId(),
                          r.locationId(),
                          r.domain().map(d -> d.toLowerCase(Locale.ROOT)),
                          r.url())));
    }

    /** The key of {@code clb} that names the rule. */
    ConfigPath at(ConfigPath clb) {
      return clb.key(rule.locationId().isPresent() ? "locationId" : "domain");
    }

    @Override
    public String toString() {
      return rule.toString();
    }
  }
}

package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import io.sluice.policies.Backend;
import io.sluice.policies.DiversionSettings;
import io.sluice.policies.FailoverSettings;
import io.sluice.policies.Prewarm;
import io.sluice.policies.Safeguards;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One service: its domains, its CVM and SCF backends, how traffic is moved between them and the
 * policy that decides when.
 *
 * @param dns the DNSPod records to weight, needed when the actuator includes dns-weight
 */
public record ServiceConfig(
    @NotNull @Pattern(regexp = NAME) String name,
    @NotNull @Size(min = 1) List<String> domains,
    @NotNull Backends backends,
    Optional<Dns> dns,
    @NotNull Actuator actuator,
    @NotNull PolicyConfig policy) {
  /** Service, probe, token and sentinel names. */
  public static final String NAME = "^[a-z0-9-]{1,40}$";

  public ServiceConfig {
    domains = Immutable.list(domains);
  }

  /**
   * The routes of this service and their policy settings, for the policy engine.
   *
   * @param observeOnly the controller's observeOnly, which every route's safeguards carry
   */
  public List<RouteSettings> routes(boolean observeOnly) {
    Safeguards safeguards = policy.safeguards(observeOnly);
    Optional<Prewarm> prewarm = backends.scf().prewarm().map(BackendConfig.PrewarmConfig::toPolicy);
    if (policy.failover().isPresent()) {
      PolicyConfig.FailoverConfig failover = policy.failover().get();
      return List.of(
          new RouteSettings(
              name,
              new FailoverSettings(
                  failover.primary(),
                  failover.confirmFor(),
                  failover.failback().toPolicy(actuator.splits()),
                  safeguards,
                  prewarm)));
    }
    PolicyConfig.DiversionConfig diversion = policy.diversion().orElseThrow();
    return diversion.domains().entrySet().stream()
        .map(e -> divert(diversion, e.getKey(), e.getValue(), safeguards, prewarm))
        .toList();
  }

  private static RouteSettings divert(
      PolicyConfig.DiversionConfig diversion,
      String domain,
      Backend assigned,
      Safeguards safeguards,
      Optional<Prewarm> prewarm) {
    return new RouteSettings(
        domain,
        new DiversionSettings(
            assigned,
            diversion.windows().stream()
                .filter(w -> w.domain().equals(domain))
                .map(PolicyConfig.WindowConfig::toPolicy)
                .toList(),
            diversion
                .spill()
                .filter(s -> assigned == Backend.CVM && s.appliesTo(domain))
                .map(PolicyConfig.SpillConfig::toPolicy),
            diversion.failoverProtection(),
            safeguards,
            prewarm));
  }

  /** The two backends; both are required. */
  public record Backends(@NotNull BackendConfig.Cvm cvm, @NotNull BackendConfig.Scf scf) {
    public BackendConfig get(Backend backend) {
      return backend == Backend.CVM ? cvm : scf;
    }
  }

  /** The DNSPod records whose weights the dns-weight actuator sets. */
  public record Dns(@NotNull @Size(min = 1) List<DnsRecord> records) {
    public Dns {
      records = Immutable.list(records);
    }
  }

  /**
   * A pair of weighted records for one name: one pointing at the CVM CLB, one at the SCF CLB.
   *
   * @param subdomain the record's host part; {@code @} for the zone apex
   * @param ttl seconds; the policy's minDwell must be at least this, so a change drains first
   */
  public record DnsRecord(
      @NotNull String zone,
      @NotNull String subdomain,
      Optional<@Min(1) Long> cvmRecordId,
      Optional<@Min(1) Long> scfRecordId,
      @Min(1) @jakarta.validation.constraints.Max(604_800) int ttl) {
    public static final int DEFAULT_TTL = 600;

    /** The full name, {@code subdomain.zone}. */
    public String domain() {
      return subdomain.equals("@") ? zone : subdomain + "." + zone;
    }
  }

  /**
   * How traffic is moved: by CLB rule weights, by DNS record weights, or both in {@code order}.
   *
   * @param order with both: which to change first (default clb-rule, then dns-weight)
   * @param clbMixedTargets whether a CLB rule may hold CVM targets and a function at once, so that
   *     clb-rule can split traffic by weight and switch without a gap; Tencent does not document it
   *     (UNCONFIRMED), so the default assumes not, and a switch then has a short unrouted gap
   */
  public record Actuator(
      @NotNull ActuatorKind kind, List<ActuatorKind> order, boolean clbMixedTargets) {
    public static final List<ActuatorKind> STANDARD_ORDER =
        List.of(ActuatorKind.CLB_RULE, ActuatorKind.DNS_WEIGHT);
    public static final boolean DEFAULT_CLB_MIXED_TARGETS = false;

    public Actuator {
      order = Immutable.list(order);
    }

    /** The single actuators to run, in order. */
    public List<ActuatorKind> steps() {
      if (kind != ActuatorKind.BOTH) {
        return List.of(kind);
      }
      return order.isEmpty() ? STANDARD_ORDER : order;
    }

    public boolean usesDns() {
      return kind != ActuatorKind.CLB_RULE;
    }

    /**
     * Whether a split between the backends can be routed: not by clb-rule alone without mixed
     * targets, where a rule holds the CVM targets or the function, never both.
     */
    public boolean splits() {
      return kind != ActuatorKind.CLB_RULE || clbMixedTargets;
    }
  }

  /** An actuator kind. */
  public enum ActuatorKind {
    /** Weights on the CLB forwarding rules. */
    CLB_RULE,
    /** Weights on DNSPod records. */
    DNS_WEIGHT,
    /** Both, in the actuator's order. */
    BOTH;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}

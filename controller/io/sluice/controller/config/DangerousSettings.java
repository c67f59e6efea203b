package io.sluice.controller.config;

import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The legal but dangerous settings, in one place. Each is a value the rules allow, because an
 * operator who knows what it does may want it, but which makes a service move traffic on too little
 * evidence or too soon. Each is reported as a warning with its reason; {@code sluice validate
 * --strict} refuses a file that has any.
 */
final class DangerousSettings {
  private final Problems problems;

  DangerousSettings(Problems problems) {
    this.problems = problems;
  }

  void check(SluiceConfig config) {
    ConfigPath services = ConfigPath.ROOT.key("services");
    for (int i = 0; i < config.services().size(); i++) {
      ServiceConfig s = config.services().get(i);
      ConfigPath service = services.index(i);
      ConfigPath policy = service.key("policy");
      noDwell(s.policy(), policy);
      s.policy()
          .failover()
          .ifPresent(
              f -> {
                failsOverOnOneProbe(s, f, service, policy.key("failover"));
                noFailbackHold(f, policy.key("failover").key("failback").key("after"));
              });
      if (s.actuator().usesDns()) {
        s.policy()
            .diversion()
            .ifPresent(d -> windowsShorterThanTheTtl(s, d, policy.key("diversion").key("windows")));
      }
    }
  }

  /** No minDwell: nothing but the flap budget spaces automatic changes. */
  private void noDwell(PolicyConfig policy, ConfigPath at) {
    if (policy.minDwell().isZero()) {
      problems.warn(
          at.key("minDwell"),
          "no dwell: automatic changes may follow each other at every decision, and only the flap"
              + " budget stops traffic going back and forth; 30s is the default, got 0s");
    }
  }

  /**
   * A primary's probe with fall 1 and no confirmFor: one lost packet moves all traffic. Probe loss
   * of a few percent is normal; HAProxy counts 3 failures in a row for a reason.
   */
  private void failsOverOnOneProbe(
      ServiceConfig s, PolicyConfig.FailoverConfig f, ConfigPath service, ConfigPath failover) {
    if (!f.confirmFor().isZero()) {
      return;
    }
    Backend primary = f.primary();
    List<ProbeConfig> probes = s.backends().get(primary).probes();
    ConfigPath probesAt = service.key("backends").key(primary.id()).key("probes");
    for (int j = 0; j < probes.size(); j++) {
      if (probes.get(j).fall() == 1) {
        problems.warn(
            probesAt.index(j).key("fall"),
            "one failed probe fails the service over: with fall 1 and no"
                + " policy.failover.confirmFor ("
                + problems.shown(failover.key("confirmFor"), "0s")
                + "), a single lost packet moves all traffic; raise fall (3 is usual) or"
                + " confirmFor, got 1");
      }
    }
  }

  /**
   * A failback the moment the primary reads UP: a flapping primary pulls traffic back each time.
   */
  private void noFailbackHold(PolicyConfig.FailoverConfig f, ConfigPath at) {
    if (f.failback().after().isZero()) {
      problems.warn(
          at,
          "no failback hold: traffic returns the moment the primary reads UP, so a primary that"
              + " flaps pulls traffic back each time; hold it a few minutes (5m is the default),"
              + " got 0s");
    }
  }

  /**
   * A window shorter than the TTL of its domain's records: resolvers keep the old answer for up to
   * the TTL, so the window may end before many clients see it start.
   */
  private void windowsShorterThanTheTtl(
      ServiceConfig s, PolicyConfig.DiversionConfig d, ConfigPath windows) {
    List<ServiceConfig.DnsRecord> records =
        s.dns().map(ServiceConfig.Dns::records).orElse(List.of());
    for (int k = 0; k < d.windows().size(); k++) {
      PolicyConfig.WindowConfig w = d.windows().get(k);
      Duration length = Duration.between(w.from(), w.to());
      for (ServiceConfig.DnsRecord r : records) {
        Duration ttl = Duration.ofSeconds(r.ttl());
        if (r.domain().equals(w.domain()) && ttl.compareTo(length) > 0) {
          problems.warn(
              windows.index(k),
              "the window moves "
                  + w.domain()
                  + " for "
                  + Durations.format(length)
                  + ", less than the ttl of its DNS records ("
                  + Durations.format(ttl)
                  + "): resolvers keep the old answer up to the ttl, so many clients may never"
                  + " see the move");
          break;
        }
      }
    }
  }
}

package io.sluice.controller.config;

import io.sluice.controller.config.PolicyConfig.DiversionConfig;
import io.sluice.controller.config.PolicyConfig.FailoverConfig;
import io.sluice.controller.config.ServiceConfig.ActuatorKind;
import io.sluice.policies.Backend;
import io.sluice.policies.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules the schema cannot say: those between fields (a failback sooner than minDwell, a
 * function behind a layer-4 listener, a window for a domain the service does not have). Runs on a
 * bound config in which keys with schema errors are left out, so it tolerates missing values and
 * skips a comparison whose other side was already reported.
 */
final class ConfigValidator {
  private final Problems problems;

  ConfigValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(SluiceConfig config) {
    ConfigPath controller = ConfigPath.ROOT.key("controller");
    if (config.controller() != null) {
      controller(config.controller(), controller, config);
    }
    ConfigPath services = ConfigPath.ROOT.key("services");
    unique(config.services(), ServiceConfig::name, services, "service name");
    for (int i = 0; i < config.services().size(); i++) {
      service(config.services().get(i), services.index(i));
    }
    new ClbBindingValidator(problems).validate(config);
    ConfigPath notifications = ConfigPath.ROOT.key("notifications");
    new NotificationsValidator(problems).validate(config.notifications(), notifications);
    unique(
        config.notifications().webhooks(),
        NotificationsConfig.Webhook::name,
        notifications.key("webhooks"),
        "webhook name");
  }

  private void controller(ControllerConfig c, ConfigPath at, SluiceConfig config) {
    Duration ttl = c.maxOverrideTtl();
    if (ttl != null
        && (ttl.compareTo(ControllerConfig.MIN_MAX_OVERRIDE_TTL) < 0
            || ttl.compareTo(ControllerConfig.MAX_MAX_OVERRIDE_TTL) > 0)) {
      problems.at(at.key("maxOverrideTtl"), "must be 1m-7d, got " + show(ttl));
    }
    ControllerConfig.Credentials credentials = c.credentials();
    if (credentials != null) {
      ConfigPath cred = at.key("credentials");
      if (credentials.profile().isPresent()
          && credentials.source() != ControllerConfig.CredentialSource.PROFILE) {
        problems.at(cred.key("profile"), onlyWith("source profile", credentials.source().id()));
      }
      if (credentials.roleName().isPresent()
          && credentials.source() != ControllerConfig.CredentialSource.CVM_ROLE) {
        problems.at(cred.key("roleName"), onlyWith("source cvm-role", credentials.source().id()));
      }
    }
    if (c.api() != null) {
      tokens(c.api().tokens(), at.key("api").key("tokens"), config);
      new ApiLimitsValidator(problems).validate(c.api(), at.key("api"));
      c.api().tls().ifPresent(tls -> tls(tls, at.key("api").key("tls"), config));
      if (c.api().listen() != null) {
        // one at a time: the first (no credentials) matters more than the second (no TLS)
        ApiExposure.refusals(c.api(), c.api().listen().host()).stream()
            .findFirst()
            .ifPresent(
                rule ->
                    problems.at(at.key("api").key("listen"), rule + ", got " + c.api().listen()));
      }
    }
    unique(c.vantagePoints(), Function.identity(), at.key("vantagePoints"), "vantage point");
    c.ha()
        .ifPresent(
            ha ->
                new HaValidator(problems)
                    .validate(ha, at.key("ha"), at.key("vantagePoints"), c.vantagePoints()));
    ConfigPath sentinels = at.key("sentinels");
    unique(c.sentinels(), ControllerConfig.Sentinel::name, sentinels, "sentinel name");
    for (int i = 0; i < c.sentinels().size(); i++) {
      ProbeConfig probe = c.sentinels().get(i).probe();
      if (probe != null) {
        ConfigPath p = sentinels.index(i).key("probe");
        new ProbeValidator(problems).validate(probe, p, Optional.empty());
        if (probe.target().isEmpty()) {
          problems.at(p.key("target"), "is required for a sentinel probe, got nothing");
        }
      }
    }
  }

  private void tokens(List<ControllerConfig.Token> tokens, ConfigPath at, SluiceConfig config) {
    unique(tokens, ControllerConfig.Token::id, at, "token id");
    for (int i = 0; i < tokens.size(); i++) {
      ControllerConfig.Token token = tokens.get(i);
      scope(token.role(), token.services(), at.index(i).key("services"), config);
      if (token.sha256() != null && WeakTokens.isWeak(token.sha256())) {
        problems.at(
            at.index(i).key("sha256"),
            "is the SHA-256 of a well-known weak token (a word anyone would try first); make a"
                + " random one with `sluice token --id "
                + token.id()
                + " --role ROLE`");
      }
    }
  }

  /** An operator's services: known names; other roles have no scope. */
  private void scope(
      ControllerConfig.Role role, List<String> names, ConfigPath at, SluiceConfig config) {
    Set<String> services = new HashSet<>();
    config.services().forEach(s -> services.add(s.name()));
    if (!names.isEmpty() && role != null && role != ControllerConfig.Role.OPERATOR) {
      problems.at(at, "only an operator has a service scope, got role " + role.id());
    }
    for (int j = 0; j < names.size(); j++) {
      known(names.get(j), services, at.index(j), "service");
    }
  }

  private void tls(ControllerConfig.Tls tls, ConfigPath at, SluiceConfig config) {
    if (!tls.clients().isEmpty() && tls.clientCaFile().isEmpty()) {
      problems.at(at.key("clients"), "needs clientCaFile to verify client certificates, got no CA");
    }
    ConfigPath clients = at.key("clients");
    unique(tls.clients(), ControllerConfig.ClientCert::subject, clients, "client subject");
    for (int i = 0; i < tls.clients().size(); i++) {
      ControllerConfig.ClientCert client = tls.clients().get(i);
      scope(client.role(), client.services(), clients.index(i).key("services"), config);
      if (client.subject() != null) {
        subject(client.subject(), clients.index(i).key("subject"));
      }
    }
  }

  /**
   * A client certificate's subject becomes the audit log's actor: a distinguished name, with no
   * control character that could forge a line where it is written.
   */
  private void subject(String subject, ConfigPath at) {
    if (subject.chars().anyMatch(Character::isISOControl)) {
      problems.at(at, "must not contain control characters, got '" + subject + "'");
      return;
    }
    try {
      new javax.security.auth.x500.X500Principal(subject);
    } catch (IllegalArgumentException e) {
      problems.at(
          at,
          "must be a distinguished name such as CN=ops-laptop,O=Example ("
              + e.getMessage()
              + "), got '"
              + subject
              + "'");
    }
  }

  private void service(ServiceConfig s, ConfigPath at) {
    Set<String> domains = new HashSet<>(s.domains());
    unique(s.domains(), Function.identity(), at.key("domains"), "domain");
    if (s.backends() != null) {
      ConfigPath backends = at.key("backends");
      if (s.backends().cvm() != null) {
        backend(s.backends().cvm(), backends.key("cvm"));
      }
      if (s.backends().scf() != null) {
        backend(s.backends().scf(), backends.key("scf"));
      }
    }
    Duration minDwell = s.policy() == null ? null : s.policy().minDwell();
    ConfigPath minDwellAt = at.key("policy").key("minDwell");
    s.dns().ifPresent(dns -> dns(dns, at.key("dns"), domains));
    if (s.actuator() != null && s.actuator().kind() != null) {
      actuator(s, at, minDwell, minDwellAt);
    }
    if (s.actuator() != null
        && s.actuator().kind() != null
        && s.actuator().kind() != ActuatorKind.DNS_WEIGHT
        && s.backends() != null
        && s.backends().cvm() != null
        && s.backends().cvm().clb() != null) {
      cvmProbesAvoidTheSwitchedRule(s, at.key("backends").key("cvm").key("probes"));
    }
    if (s.policy() != null) {
      policy(s.policy(), at.key("policy"), s.domains(), s.actuator());
    }
  }

  private void backend(BackendConfig b, ConfigPath at) {
    if (b.clb() != null) {
      clb(b, at.key("clb"));
    }
    ConfigPath probes = at.key("probes");
    unique(b.probes(), ProbeConfig::name, probes, "probe name");
    for (int i = 0; i < b.probes().size(); i++) {
      ProbeConfig probe = b.probes().get(i);
      new ProbeValidator(problems).validate(probe, probes.index(i), Optional.ofNullable(b.clb()));
      if (probe.type() == ProbeConfig.ProbeType.TCP && probe.target().isEmpty()) {
        problems.at(
            probes.index(i).key("target"),
            "is required for a tcp probe (the listener port is not known), got nothing");
      }
    }
    new SignalsValidator(problems).validate(b, at);
    if (b instanceof BackendConfig.Scf scf) {
      prewarm(scf, at);
    }
    HealthConfig health = b.health();
    if (health != null) {
      Set<String> names = new HashSet<>();
      b.probes().forEach(p -> names.add(p.name()));
      ConfigPath mustPass = at.key("health").key("mustPass");
      for (int i = 0; i < health.mustPass().size(); i++) {
        known(health.mustPass().get(i), names, mustPass.index(i), "probe");
      }
      if (health.require() != null && health.require().count() > b.probes().size()) {
        problems.at(
            at.key("health").key("require"),
            "must be at most the number of probes ("
                + b.probes().size()
                + "), got "
                + health.require());
      }
    }
  }

  /**
   * A pre-warm's wait within its range, and SCF takes provisioned concurrency only on a published
   * version: $LATEST is refused, and an alias would leave open which versions to warm.
   */
  private void prewarm(BackendConfig.Scf scf, ConfigPath at) {
    if (scf.prewarm() == null || scf.prewarm().isEmpty()) {
      return;
    }
    Duration waitFor = scf.prewarm().get().waitFor();
    if (waitFor != null
        && (waitFor.compareTo(BackendConfig.PrewarmConfig.MIN_WAIT_FOR) < 0
            || waitFor.compareTo(BackendConfig.PrewarmConfig.MAX_WAIT_FOR) > 0)) {
      problems.at(
          at.key("prewarm").key("waitFor"),
          "must be "
              + show(BackendConfig.PrewarmConfig.MIN_WAIT_FOR)
              + "-"
              + show(BackendConfig.PrewarmConfig.MAX_WAIT_FOR)
              + " (a failover with the primary DOWN waits this long for warm instances), got "
              + show(waitFor));
    }
    if (scf.function() == null) {
      return;
    }
    String qualifier = scf.function().qualifier();
    if (qualifier == null || !PUBLISHED_VERSION.matcher(qualifier).matches()) {
      problems.at(
          at.key("function").key("qualifier"),
          "must be a published version (a number, such as 3) when prewarm is set: provisioned"
              + " concurrency cannot be set on $LATEST or an alias, got "
              + qualifier);
    }
  }

  private static final java.util.regex.Pattern PUBLISHED_VERSION =
      java.util.regex.Pattern.compile("[1-9][0-9]*");

  private void clb(BackendConfig b, ConfigPath at) {
    ClbTarget clb = b.clb();
    if (clb.listenerProtocol() == null) {
      return;
    }
    boolean byLocation = clb.locationId().isPresent();
    boolean byDomain = clb.domain().isPresent() || clb.url().isPresent();
    if (b.kind() == Backend.SCF && clb.listenerProtocol().isLayer4()) {
      problems.at(
          at.key("listenerProtocol"),
          "CLB binds a function only to an HTTP or HTTPS listener's rule, got "
              + clb.listenerProtocol());
    } else if (clb.listenerProtocol().isLayer4() && (byLocation || byDomain)) {
      problems.at(
          at.key(byLocation ? "locationId" : "domain"),
          "a "
              + clb.listenerProtocol()
              + " listener has no rules; leave out locationId, domain and url");
    } else if (!clb.listenerProtocol().isLayer4()) {
      if (byLocation && byDomain) {
        problems.at(at.key("locationId"), "give locationId, or domain and url, not both");
      } else if (!byLocation && !byDomain) {
        problems.at(at, "an HTTP(S) rule needs locationId, or domain and url, got neither");
      } else if (byDomain && (clb.domain().isEmpty() || clb.url().isEmpty())) {
        problems.at(
            at.key(clb.domain().isEmpty() ? "domain" : "url"),
            "domain and url name a rule together, got only one of them");
      }
    }
    if (clb.vip().isPresent() && clb.hostname().isPresent()) {
      problems.at(at.key("hostname"), "give vip or hostname, not both");
    } else if (clb.address().isEmpty()) {
      problems.at(at.key("vip"), "vip or hostname is required, got neither");
    }
  }

  private void dns(ServiceConfig.Dns dns, ConfigPath at, Set<String> domains) {
    ConfigPath records = at.key("records");
    for (int i = 0; i < dns.records().size(); i++) {
      ServiceConfig.DnsRecord record = dns.records().get(i);
      if (record.zone() != null
          && record.subdomain() != null
          && !domains.contains(record.domain())) {
        problems.at(
            records.index(i).key("subdomain"),
            "must name one of the service's domains "
                + sorted(domains)
                + ", got "
                + record.domain());
      }
    }
  }

  private void actuator(
      ServiceConfig s, ConfigPath service, Duration minDwell, ConfigPath minDwellAt) {
    ServiceConfig.Actuator actuator = s.actuator();
    ConfigPath order = service.key("actuator").key("order");
    if (actuator.kind() != ActuatorKind.BOTH && !actuator.order().isEmpty()) {
      problems.at(order, "only with kind both, got kind " + actuator.kind().id());
    } else if (!actuator.order().isEmpty()
        && !(actuator.order().size() == 2
            && new HashSet<>(actuator.order())
                .equals(Set.of(ActuatorKind.CLB_RULE, ActuatorKind.DNS_WEIGHT)))) {
      problems.at(
          order,
          "must list clb-rule and dns-weight once each, got "
              + actuator.order().stream().map(ActuatorKind::id).toList());
    }
    if (actuator.usesDns()) {
      dnsForActuator(s, service.key("dns"), minDwell, minDwellAt);
    }
    if (actuator.kind() != ActuatorKind.DNS_WEIGHT
        && s.policy() != null
        && s.policy().diversion().isPresent()) {
      problems.at(
          service.key("actuator").key("kind"),
          "a diversion moves each domain on its own, which only dns-weight can do (clb-rule"
              + " switches the one rule of the CVM backend), got "
              + actuator.kind().id());
    }
  }

  /**
   * A CVM probe must not reach the CVMs through the rule clb-rule switches: after a failover that
   * rule forwards to the function, so the probe would read the function's answers as the CVMs' (or,
   * matching a body only the CVMs return, never see them recover, and never fail back). A probe
   * goes through it when it connects to the CLB's address with the rule's domain as its Host and a
   * path under the rule's url; for a rule named by locationId, whose domain the config does not
   * hold, with one of the service's domains, the names users reach it by.
   */
  private void cvmProbesAvoidTheSwitchedRule(ServiceConfig s, ConfigPath probes) {
    ClbTarget clb = s.backends().cvm().clb();
    if (clb.listenerProtocol() == null || clb.listenerProtocol().isLayer4()) {
      return;
    }
    List<ProbeConfig> list = s.backends().cvm().probes();
    for (int i = 0; i < list.size(); i++) {
      ProbeConfig probe = list.get(i);
      if (probe.type() == ProbeConfig.ProbeType.TCP || probe.host().isEmpty()) {
        continue;
      }
      boolean atTheClb =
          probe.target().isEmpty()
              || clb.address()
                  .map(a -> a.equalsIgnoreCase(probe.target().get().host()))
                  .orElse(false);
      String host = probe.host().get();
      String path = probe.path() == null ? "/" : probe.path();
      String rule;
      boolean through;
      if (clb.domain().isPresent()) {
        String url = clb.url().orElse("/");
        rule = "the rule of domain " + clb.domain().get() + " and url " + url;
        through = host.equalsIgnoreCase(clb.domain().get()) && path.startsWith(url);
      } else {
        rule = "rule " + clb.locationId().orElse("?") + " (it serves " + s.domains() + ")";
        through = s.domains().stream().anyMatch(host::equalsIgnoreCase);
      }
      if (atTheClb && through) {
        problems.at(
            probes.index(i).key("host"),
            "must not reach the CVMs through "
                + rule
                + ", which actuator "
                + s.actuator().kind().id()
                + " switches to the function on failover (the probe would then read the"
                + " function's answers, or never see the CVMs recover); probe a health host on the"
                + " same listener that Sluice never switches, got '"
                + host
                + "'");
      }
    }
  }

  /** The DNS records a dns-weight actuator needs, and a minDwell that lets their TTL drain. */
  private void dnsForActuator(
      ServiceConfig s, ConfigPath dnsAt, Duration minDwell, ConfigPath minDwellAt) {
    String needs = "is required with actuator " + s.actuator().kind().id() + ", got nothing";
    List<ServiceConfig.DnsRecord> records =
        s.dns().map(ServiceConfig.Dns::records).orElse(List.of());
    if (records.isEmpty() && !problems.reportedWithin(dnsAt)) {
      problems.at(dnsAt.key("records"), needs);
    }
    boolean complete = records.stream().allMatch(r -> r.zone() != null && r.subdomain() != null);
    if (complete
        && !records.isEmpty()
        && s.policy() != null
        && s.policy().diversion().isPresent()) {
      Set<String> named = new HashSet<>();
      records.stream()
          // a record missing zone or subdomain is reported by the schema already
          .filter(r -> r.zone() != null && r.subdomain() != null)
          .forEach(r -> named.add(r.domain()));
      for (String domain : s.policy().diversion().get().domains().keySet()) {
        if (!named.contains(domain)) {
          problems.at(
              dnsAt.key("records"),
              "needs a record pair for every diverted domain (dns-weight moves each one by its"
                  + " own records), got none for "
                  + domain);
        }
      }
    }
    for (int i = 0; i < records.size(); i++) {
      ServiceConfig.DnsRecord record = records.get(i);
      ConfigPath r = dnsAt.key("records").index(i);
      if (record.cvmRecordId().isEmpty()) {
        problems.at(r.key("cvmRecordId"), needs);
      }
      if (record.scfRecordId().isEmpty()) {
        problems.at(r.key("scfRecordId"), needs);
      }
      Duration ttl = Duration.ofSeconds(record.ttl());
      if (minDwell != null
          && !problems.reportedWithin(minDwellAt)
          && !problems.reportedWithin(r.key("ttl"))
          && minDwell.compareTo(ttl) < 0) {
        problems.at(
            minDwellAt,
            "must be at least the DNS ttl of dns.records["
                + i
                + "] ("
                + problems.shown(r.key("ttl"), show(ttl))
                + ") so each change drains before the next, got "
                + show(minDwell));
      }
    }
  }

  private void policy(
      PolicyConfig policy,
      ConfigPath at,
      List<String> serviceDomains,
      ServiceConfig.Actuator actuator) {
    if (policy.flapBudget() != null) {
      positive(policy.flapBudget().window(), at.key("flapBudget").key("window"));
    }
    Optional<MinDwell> minDwell =
        problems.reportedWithin(at.key("minDwell"))
            ? Optional.empty()
            : Optional.ofNullable(policy.minDwell()).map(d -> new MinDwell(d, at.key("minDwell")));
    boolean failover = policy.failover().isPresent() || problems.reportedWithin(at.key("failover"));
    boolean diversion =
        policy.diversion().isPresent() || problems.reportedWithin(at.key("diversion"));
    if (failover == diversion) {
      problems.at(
          at, "needs exactly one of failover or diversion, got " + (failover ? "both" : "neither"));
    }
    policy.failover().ifPresent(f -> failover(f, at.key("failover"), minDwell, actuator));
    policy.diversion().ifPresent(d -> diversion(d, at.key("diversion"), minDwell, serviceDomains));
  }

  private void failover(
      FailoverConfig f,
      ConfigPath at,
      Optional<MinDwell> minDwell,
      ServiceConfig.Actuator actuator) {
    PolicyConfig.FailbackConfig failback = f.failback();
    if (failback == null) {
      return;
    }
    ConfigPath fb = at.key("failback");
    atLeastMinDwell(failback.after(), fb.key("after"), minDwell);
    atLeastMinDwell(failback.stepEvery(), fb.key("stepEvery"), minDwell);
    List<Integer> steps = failback.steps();
    if (steps.isEmpty()) {
      return; // not written: the actuator decides (PolicyConfig.FailbackConfig#toPolicy)
    }
    boolean rising = true;
    for (int i = 0; i < steps.size(); i++) {
      rising &=
          steps.get(i) >= 1 && steps.get(i) <= 100 && (i == 0 || steps.get(i) > steps.get(i - 1));
    }
    if (!rising || steps.getLast() != 100) {
      problems.at(fb.key("steps"), "must rise strictly within 1-100 and end at 100, got " + steps);
    } else if (steps.size() > 1
        && actuator != null
        && actuator.kind() != null
        && !actuator.splits()) {
      problems.at(
          fb.key("steps"),
          "must be [100] with actuator clb-rule and clbMixedTargets false: the rule holds the CVM"
              + " targets or the function, never both, so a step between them cannot be routed"
              + " (set clbMixedTargets where the rule may hold both), got "
              + steps);
    }
  }

  private void diversion(
      DiversionConfig d, ConfigPath at, Optional<MinDwell> minDwell, List<String> serviceDomains) {
    Map<String, Backend> assigned = d.domains();
    ConfigPath domainsAt = at.key("domains");
    for (String domain : assigned.keySet()) {
      known(domain, new HashSet<>(serviceDomains), domainsAt.key(domain), "service domain");
    }
    for (String domain : serviceDomains) {
      if (!assigned.isEmpty() && !assigned.containsKey(domain)) {
        problems.at(
            domainsAt, "must assign every service domain a backend, got none for " + domain);
      }
    }
    ConfigPath windows = at.key("windows");
    for (int i = 0; i < d.windows().size(); i++) {
      PolicyConfig.WindowConfig w = d.windows().get(i);
      ConfigPath wAt = windows.index(i);
      if (w.from() != null && w.to() != null && !w.to().isAfter(w.from())) {
        problems.at(wAt.key("to"), "must be after from (" + w.from() + "), got " + w.to());
      }
      if (w.domain() != null && !problems.reportedWithin(domainsAt)) {
        known(w.domain(), assigned.keySet(), wAt.key("domain"), "diversion domain");
      }
    }
    d.spill().ifPresent(spill -> spill(spill, at.key("spill"), minDwell, assigned));
  }

  private void spill(
      PolicyConfig.SpillConfig spill,
      ConfigPath at,
      Optional<MinDwell> minDwell,
      Map<String, Backend> assigned) {
    if (!problems.reportedWithin(at.key("above")) && spill.below() >= spill.above()) {
      problems.at(
          at.key("below"),
          "must be less than above (" + show(spill.above()) + "), got " + show(spill.below()));
    }
    atLeastMinDwell(spill.stepEvery(), at.key("stepEvery"), minDwell);
    for (int i = 0; i < spill.domains().size(); i++) {
      String domain = spill.domains().get(i);
      Backend backend = assigned.get(domain);
      if (backend == null && !problems.reportedWithin(at.parent().key("domains"))) {
        known(domain, assigned.keySet(), at.key("domains").index(i), "diversion domain");
      } else if (backend != Backend.CVM) {
        problems.at(
            at.key("domains").index(i),
            "only a domain assigned to cvm can spill, got " + domain + " (scf)");
      }
    }
    if (spill.domains().isEmpty() && !assigned.isEmpty() && !assigned.containsValue(Backend.CVM)) {
      problems.at(at, "only a domain assigned to cvm can spill, got none assigned to cvm");
    }
  }

  /** A service's minDwell, where it is written (or defaulted). */
  private record MinDwell(Duration value, ConfigPath at) {}

  private void atLeastMinDwell(Duration value, ConfigPath at, Optional<MinDwell> minDwell) {
    if (value != null
        && minDwell.isPresent()
        && !problems.reportedWithin(at)
        && value.compareTo(minDwell.get().value()) < 0) {
      problems.at(
          at,
          "must be at least minDwell ("
              + problems.shown(minDwell.get().at(), show(minDwell.get().value()))
              + "), got "
              + show(value));
    }
  }

  private void positive(Duration value, ConfigPath at) {
    if (value != null && value.isZero()) {
      problems.at(at, "must be more than 0s, got 0s");
    }
  }

  private void known(String name, Set<String> names, ConfigPath at, String what) {
    if (!names.contains(name)) {
      problems.at(
          at,
          "must name a known "
              + what
              + DidYouMean.suggest(name, names)
                  .map(s -> " (did you mean '" + s + "'?)")
                  .orElse(" " + sorted(names))
              + ", got '"
              + name
              + "'");
    }
  }

  /** Reports each repeat of a name, at the repeat, naming the first. */
  private <T> void unique(List<T> items, Function<T, String> name, ConfigPath at, String what) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String n = name.apply(items.get(i));
      if (n == null) {
        continue;
      }
      Integer previous = first.putIfAbsent(n, i);
      if (previous != null) {
        ConfigPath item = at.index(i);
        ConfigPath keyed = items.get(i) instanceof String ? item : item.key(keyOf(what));
        problems.at(keyed, "duplicate " + what + ", also at [" + previous + "], got '" + n + "'");
      }
    }
  }

  private static String keyOf(String what) {
    return what.endsWith(" id") ? "id" : "name";
  }

  private static String onlyWith(String rule, String got) {
    return "only with " + rule + ", got source " + got;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().filter(Objects::nonNull).sorted().toList();
  }

  private static String show(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static String show(Duration d) {
    return Durations.format(d);
  }
}

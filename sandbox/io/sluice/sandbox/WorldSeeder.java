package io.sluice.sandbox;

import io.sluice.sandbox.api.Credentials;
import io.sluice.sandbox.clb.Backends;
import io.sluice.sandbox.clb.ClbState;
import io.sluice.sandbox.clb.CvmTarget;
import io.sluice.sandbox.clb.FunctionTarget;
import io.sluice.sandbox.clb.Listener;
import io.sluice.sandbox.clb.ListenerProtocol;
import io.sluice.sandbox.clb.LoadBalancer;
import io.sluice.sandbox.clb.MixedRuleTargets;
import io.sluice.sandbox.clb.Rule;
import io.sluice.sandbox.cvm.CvmInstance;
import io.sluice.sandbox.cvm.CvmInstances;
import io.sluice.sandbox.cvm.InstanceState;
import io.sluice.sandbox.dataplane.functions.FunctionCode;
import io.sluice.sandbox.dnspod.DnsDomain;
import io.sluice.sandbox.dnspod.DnsPlan;
import io.sluice.sandbox.dnspod.DnsRecord;
import io.sluice.sandbox.dnspod.DnspodAccount;
import io.sluice.sandbox.dnspod.RecordLine;
import io.sluice.sandbox.dnspod.RecordStatus;
import io.sluice.sandbox.scenario.SandboxScenario;
import io.sluice.sandbox.scenario.ScenarioSettings;
import io.sluice.sandbox.scf.FunctionKey;
import io.sluice.sandbox.scf.FunctionRef;
import io.sluice.sandbox.scf.FunctionType;
import io.sluice.sandbox.scf.ScfState;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the control-plane models from a scenario, checking what the models' own APIs would have
 * refused (a function rule on a layer-4 listener, a target on an unknown instance, CVM targets and
 * a function on one rule while that is rejected). Each error names the scenario's path and value.
 */
final class WorldSeeder {
  private static final Duration DEFAULT_FUNCTION_TIMEOUT = Duration.ofSeconds(3);

  private final SandboxScenario scenario;
  private final Path baseDir;
  private final Clock clock;

  WorldSeeder(SandboxScenario scenario, Path baseDir, Clock clock) {
    this.scenario = scenario;
    this.baseDir = baseDir;
    this.clock = clock;
  }

  void seedCredentials(Credentials credentials) {
    for (SandboxScenario.CredentialSpec c : scenario.credentials()) {
      if (c.token().isPresent()) {
        credentials.addTemporary(c.secretId(), c.secretKey(), c.token().get());
      } else {
        credentials.add(c.name().orElse(c.secretId()), c.secretId(), c.secretKey());
      }
    }
  }

  /** Adds the instances with private IPs 10.0.1.1, 10.0.1.2...; returns their custom bodies. */
  Map<String, String> seedInstances(CvmInstances cvm) {
    Map<String, String> bodies = new HashMap<>();
    int n = 0;
    for (SandboxScenario.InstanceSpec i : scenario.instances()) {
      String where = "instances[" + n + "].state";
      n++;
      InstanceState state =
          i.state().map(s -> parse(where, InstanceState.class, s)).orElse(InstanceState.RUNNING);
      cvm.add(new CvmInstance(i.id(), i.name().orElse(i.id()), "10.0.1." + n, state));
      i.body().ifPresent(b -> bodies.put(i.id(), b));
    }
    return bodies;
  }

  void seedFunctions(ScfState scf, io.sluice.sandbox.wiring.FunctionCatalog catalog) {
    for (int f = 0; f < scenario.functions().size(); f++) {
      SandboxScenario.FunctionSpec spec = scenario.functions().get(f);
      String where = "functions[" + f + "]";
      String namespace = spec.namespace().orElse(FunctionRef.DEFAULT_NAMESPACE);
      FunctionKey key = new FunctionKey(scenario.region(), namespace, spec.name());
      FunctionType type =
          spec.type()
              .map(t -> parse(where + ".type", FunctionType.class, t))
              .orElse(FunctionType.Event);
      String handler = spec.handler().orElse("index.main_handler");
      scf.create(key, type, spec.runtime().orElse("Python3.9"), handler);
      for (int v = 0; v < spec.versions().size(); v++) {
        String published = scf.publishVersion(key);
        if (!published.equals(spec.versions().get(v))) {
          throw new IllegalArgumentException(
              where
                  + ".versions["
                  + v
                  + "]: versions are published 1, 2, 3... in order, got '"
                  + spec.versions().get(v)
                  + "'");
        }
      }
      spec.aliases().forEach((alias, version) -> scf.putAlias(key, alias, version));
      catalog.register(
          namespace,
          spec.name(),
          code(where + ".code", spec.code(), handler),
          spec.timeout()
              .map(t -> ScenarioSettings.duration(where + ".timeout", t))
              .orElse(DEFAULT_FUNCTION_TIMEOUT));
    }
  }

  private FunctionCode code(String where, SandboxScenario.CodeSpec code, String handler) {
    if (code.python().isPresent()) {
      return new FunctionCode.Python(baseDir.resolve(code.python().get()).normalize(), handler);
    }
    String builtin = code.builtin().orElse("");
    return switch (builtin) {
      case "echo" -> new FunctionCode.Echo();
      case "static" ->
          new FunctionCode.StaticResponse(
              new JsonObject()
                  .put("isBase64Encoded", false)
                  .put("statusCode", code.status().orElse(200))
                  .put(
                      "headers",
                      new JsonObject().put("Content-Type", code.contentType().orElse("text/plain")))
                  .put("body", code.body().orElse(""))
                  .encode());
      default ->
          throw new IllegalArgumentException(
              where
                  + ": must give python: FOLDER or builtin: echo|static, got builtin '"
                  + builtin
                  + "'");
    };
  }

  void seedLoadBalancers(ClbState clb, MixedRuleTargets mixed, CvmInstances cvm, ScfState scf) {
    for (int b = 0; b < scenario.loadBalancers().size(); b++) {
      SandboxScenario.LoadBalancerSpec lb = scenario.loadBalancers().get(b);
      String where = "loadBalancers[" + b + "]";
      List<Listener> listeners = new java.util.ArrayList<>();
      for (int l = 0; l < lb.listeners().size(); l++) {
        listeners.add(
            listener(where + ".listeners[" + l + "]", lb.listeners().get(l), mixed, cvm, scf));
      }
      clb.seed(
          new LoadBalancer(
              lb.id(),
              lb.name().orElse(lb.id()),
              "127.0.0.1",
              scenario.region(),
              "OPEN",
              listeners));
    }
  }

  private Listener listener(
      String where,
      SandboxScenario.ListenerSpec spec,
      MixedRuleTargets mixed,
      CvmInstances cvm,
      ScfState scf) {
    ListenerProtocol protocol = parse(where + ".protocol", ListenerProtocol.class, spec.protocol());
    List<Rule> rules = new java.util.ArrayList<>();
    for (int r = 0; r < spec.rules().size(); r++) {
      SandboxScenario.RuleSpec rule = spec.rules().get(r);
      String at = where + ".rules[" + r + "]";
      if (rule.function().isPresent()
          && protocol != ListenerProtocol.HTTP
          && protocol != ListenerProtocol.HTTPS) {
        throw new IllegalArgumentException(
            at + ".function: CLB binds functions only to HTTP or HTTPS listeners, got " + protocol);
      }
      if (rule.function().isPresent()
          && !rule.targets().isEmpty()
          && mixed == MixedRuleTargets.REJECTED) {
        throw new IllegalArgumentException(
            at + ": holds CVM targets and a function while settings.mixedRuleTargets is rejected");
      }
      for (int t = 0; t < rule.targets().size(); t++) {
        String instance = rule.targets().get(t).instance();
        if (cvm.find(instance).isEmpty()) {
          throw new IllegalArgumentException(
              at
                  + ".targets["
                  + t
                  + "].instance: no such instance in instances, got '"
                  + instance
                  + "'");
        }
      }
      rule.function()
          .ifPresent(
              f -> {
                String namespace = f.namespace().orElse(FunctionRef.DEFAULT_NAMESPACE);
                if (scf.find(new FunctionKey(scenario.region(), namespace, f.name())).isEmpty()) {
                  throw new IllegalArgumentException(
                      at
                          + ".function.name: no such function in functions, got '"
                          + namespace
                          + "/"
                          + f.name()
                          + "'");
                }
              });
      List<CvmTarget> targets =
          rule.targets().stream()
              .map(
                  t ->
                      new CvmTarget(
                          t.instance(), t.port(), t.weight().orElse(CvmTarget.DEFAULT_WEIGHT)))
              .toList();
      List<FunctionTarget> function =
          rule.function().stream()
              .map(
                  f ->
                      new FunctionTarget(
                          new FunctionRef(
                              f.namespace().orElse(FunctionRef.DEFAULT_NAMESPACE),
                              f.name(),
                              f.qualifier().orElse(FunctionRef.LATEST)),
                          null,
                          CvmTarget.DEFAULT_WEIGHT))
              .toList();
      rules.add(
          new Rule(
              rule.id(),
              rule.domain(),
              rule.url(),
              clock.instant(),
              new Backends(targets, function)));
    }
    return new Listener(
        spec.id(), spec.id(), protocol, spec.port(), clock.instant(), rules, Backends.EMPTY);
  }

  void seedZones(DnspodAccount dns) {
    for (int z = 0; z < scenario.dns().size(); z++) {
      SandboxScenario.ZoneSpec zone = scenario.dns().get(z);
      String where = "dns[" + z + "]";
      DnsPlan plan =
          zone.plan().map(p -> parse(where + ".plan", DnsPlan.class, p)).orElse(DnsPlan.DP_FREE);
      DnsDomain domain = dns.addDomain(zone.domain(), plan);
      for (SandboxScenario.RecordSpec r : zone.records()) {
        dns.save(
            domain,
            new DnsRecord(
                r.id(),
                r.subDomain(),
                r.type().orElse("A"),
                RecordLine.DEFAULT,
                r.value(),
                r.ttl().orElse(plan.minTtl()),
                0,
                r.weight().orElse(null),
                r.status()
                    .map(
                        s ->
                            parse(where + ".records[" + r.id() + "].status", RecordStatus.class, s))
                    .orElse(RecordStatus.ENABLE),
                "",
                clock.instant(),
                ""));
      }
    }
  }

  private static <E extends Enum<E>> E parse(String where, Class<E> type, String text) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text.strip())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        where + ": must be one of " + List.of(type.getEnumConstants()) + ", got '" + text + "'");
  }
}

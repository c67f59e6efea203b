package io.sluice.sandbox.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole emulated Tencent Cloud account, as a scenario file declares it: credentials, CVM
 * instances, SCF functions, CLB load balancers with their listeners and rules, DNSPod zones, and
 * the settings for behaviour the documentation leaves open. {@code sluice sandbox -s FILE} runs
 * one.
 */
public record SandboxScenario(
    String region,
    List<CredentialSpec> credentials,
    Optional<SettingsSpec> settings,
    List<InstanceSpec> instances,
    List<FunctionSpec> functions,
    List<LoadBalancerSpec> loadBalancers,
    List<ZoneSpec> dns) {

  public static final String DEFAULT_REGION = "ap-guangzhou";

  public SandboxScenario {
    region = region == null ? DEFAULT_REGION : region;
    credentials = orEmpty(credentials);
    settings = settings == null ? Optional.empty() : settings;
    instances = orEmpty(instances);
    functions = orEmpty(functions);
    loadBalancers = orEmpty(loadBalancers);
    dns = orEmpty(dns);
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * A SecretId/SecretKey pair the API accepts; with a token, a temporary (STS) credential.
   *
   * @param name who uses the key (a replica's name), shown in the mutation log; the SecretId when
   *     absent
   */
  public record CredentialSpec(
      String secretId, String secretKey, Optional<String> token, Optional<String> name) {}

  /**
   * Behaviour the documentation leaves open, and the pace of the emulated cloud.
   *
   * @param taskDuration how long an asynchronous CLB task runs before it completes
   * @param taskFailureRate the share of CLB tasks that fail (Status 1), 0 to 1
   * @param mixedRuleTargets whether a rule may hold CVM targets and a function at once
   *     (UNCONFIRMED; {@code rejected} by default)
   * @param functionEvent the CLB-trigger event shape sent to functions (UNCONFIRMED; {@code
   *     documented}: headers and payload, or {@code extended}: also method, path, query, body)
   * @param healthCheck the CLB's own health check of CVM targets
   * @param dnsSeed the seed for choosing weighted DNS answers, so runs repeat
   * @param monitorOpenPeriod whether GetMonitorData also reports the 60-second period still in
   *     progress (default false: only closed periods, as Cloud Monitor publishes with a delay)
   * @param actionTimeout how long the API waits for an action (such as a synchronous Invoke) before
   *     it answers InternalError (default 30s)
   * @param provisionedRampPerSecond how many provisioned SCF instances become ready per second
   *     (default 10; 0: provisioning never finishes)
   * @param pythonCommand the interpreter that runs Python functions (default {@code python3}, found
   *     on the PATH)
   */
  public record SettingsSpec(
      Optional<String> taskDuration,
      Optional<Double> taskFailureRate,
      Optional<String> mixedRuleTargets,
      Optional<String> functionEvent,
      Optional<HealthCheckSpec> healthCheck,
      Optional<Long> dnsSeed,
      Optional<Boolean> monitorOpenPeriod,
      Optional<String> actionTimeout,
      Optional<Double> provisionedRampPerSecond,
      Optional<String> pythonCommand) {}

  public record HealthCheckSpec(
      Optional<String> interval,
      Optional<String> timeout,
      Optional<Integer> healthyThreshold,
      Optional<Integer> unhealthyThreshold) {}

  /**
   * A CVM instance: the sandbox runs a real HTTP server for it.
   *
   * @param body what it answers (default: a line naming the instance)
   * @param state its InstanceState (default RUNNING)
   */
  public record InstanceSpec(
      String id, Optional<String> name, Optional<String> body, Optional<String> state) {}

  /**
   * An SCF function.
   *
   * @param type {@code Event} (default; the only type CLB binds) or {@code HTTP}
   * @param code its code: {@code {python: FOLDER}} with {@code handler}, or {@code {builtin: echo}}
   *     or {@code {builtin: static, status, contentType, body}}
   * @param versions published versions besides {@code $LATEST}
   * @param aliases alias name to version
   */
  public record FunctionSpec(
      String name,
      Optional<String> namespace,
      Optional<String> type,
      Optional<String> runtime,
      Optional<String> handler,
      CodeSpec code,
      List<String> versions,
      Map<String, String> aliases,
      Optional<String> timeout) {
    public FunctionSpec {
      versions = orEmpty(versions);
      aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }
  }

  public record CodeSpec(
      Optional<String> python,
      Optional<String> builtin,
      Optional<Integer> status,
      Optional<String> contentType,
      Optional<String> body) {}

  /** A CLB instance; each of its listeners gets a free loopback port (its VIP) at start. */
  public record LoadBalancerSpec(String id, Optional<String> name, List<ListenerSpec> listeners) {
    public LoadBalancerSpec {
      listeners = orEmpty(listeners);
    }
  }

  public record ListenerSpec(String id, String protocol, int port, List<RuleSpec> rules) {
    public ListenerSpec {
      // A missing port would silently read 0: every required field is checked by name.
      if (id == null || protocol == null) {
        throw new IllegalArgumentException(
            "id and protocol: are required, got " + id + ", " + protocol);
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: must be 1-65535, got " + port);
      }
      rules = orEmpty(rules);
    }
  }

  /** A layer-7 rule: CVM targets, or one function. */
  public record RuleSpec(
      String id,
      String domain,
      String url,
      List<TargetSpec> targets,
      Optional<FunctionTargetSpec> function) {
    public RuleSpec {
      targets = orEmpty(targets);
      function = function == null ? Optional.empty() : function;
    }
  }

  public record TargetSpec(String instance, int port, Optional<Integer> weight) {}

  public record FunctionTargetSpec(
      String name, Optional<String> namespace, Optional<String> qualifier) {}

  /** A DNSPod zone and its records. */
  public record ZoneSpec(String domain, Optional<String> plan, List<RecordSpec> records) {
    public ZoneSpec {
      records = orEmpty(records);
    }
  }

  public record RecordSpec(
      long id,
      @JsonProperty("subDomain") String subDomain,
      Optional<String> type,
      String value,
      Optional<Integer> ttl,
      Optional<Integer> weight,
      Optional<String> status) {}
}

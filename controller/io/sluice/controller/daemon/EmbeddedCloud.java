package io.sluice.controller.daemon;

import com.tencentcloudapi.common.Credential;
import io.sluice.cloud.ClientSettings;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.scenario.SandboxScenario;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The sandbox running inside the daemon's process: the daemon's SDK clients talk to its API server,
 * and a config reaches its VIPs through {@code ${SANDBOX_PORT_<LISTENER>}} (the listener id
 * upper-cased, {@code -} as {@code _}: {@code lbl-cvm} is {@code SANDBOX_PORT_LBL_CVM}), since
 * every VIP gets a free loopback port when the sandbox starts.
 */
public final class EmbeddedCloud implements AutoCloseable {
  private final Sandbox sandbox;

  private EmbeddedCloud(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Starts the scenario; function code paths are relative to its folder. */
  public static EmbeddedCloud start(Path scenario) throws IOException {
    return new EmbeddedCloud(
        Sandbox.start(ScenarioLoader.load(scenario), scenario.toAbsolutePath().getParent()));
  }

  /**
   * Starts a scenario already parsed (a test's variant of a world); code paths are from {@code
   * baseDir}.
   */
  public static EmbeddedCloud start(SandboxScenario scenario, Path baseDir) {
    return start(scenario, baseDir, System::nanoTime);
  }

  /**
   * As {@link #start(SandboxScenario, Path)}, with the sandbox's tasks and rate limits on a
   * monotonic clock of the caller's (see {@link Sandbox#start(SandboxScenario, Path,
   * LongSupplier)}).
   */
  public static EmbeddedCloud start(SandboxScenario scenario, Path baseDir, LongSupplier nanos) {
    return new EmbeddedCloud(Sandbox.start(scenario, baseDir, nanos));
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** The scenario's first credential. */
  public Credential credential() {
    var first = sandbox.scenario().credentials().getFirst();
    return new Credential(first.secretId(), first.secretKey());
  }

  public ClientSettings clientSettings() {
    return ClientSettings.sandbox(sandbox.region(), sandbox.apiEndpoint());
  }

  /** {@code SANDBOX_PORT_<LISTENER>} for each VIP, then the process environment. */
  public Function<String, String> env(Function<String, String> fallback) {
    Map<String, String> ports = variables();
    return name -> ports.containsKey(name) ? ports.get(name) : fallback.apply(name);
  }

  /** {@code SANDBOX_PORT_<LISTENER>} for each VIP, with its port. */
  public Map<String, String> variables() {
    Map<String, String> ports = new HashMap<>();
    sandbox
        .vipPorts()
        .forEach(
            (lbAndListener, port) ->
                ports.put(
                    variable(lbAndListener.substring(lbAndListener.indexOf('/') + 1)),
                    String.valueOf(port)));
    return Map.copyOf(ports);
  }

  static String variable(String listenerId) {
    return "SANDBOX_PORT_" + listenerId.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public void close() {
    sandbox.close();
  }
}

package io.sluice.controller.daemon;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.scf.v20180416.ScfClient;
import com.tencentcloudapi.scf.v20180416.models.InvokeRequest;
import io.sluice.cloud.CloudClients;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.disk.Fsync;
import io.sluice.meters.MeterNames;
import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.dnspod.DnsRecord;
import io.sluice.sandbox.scenario.SandboxScenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A test config's daemon in process on the embedded sandbox, as {@code sluice run --sandbox} runs
 * it, with the wall clock of the test's choosing.
 */
public final class SandboxDaemon implements AutoCloseable {
  public static final String LB_CVM_ANSWER = "127.0.0.1";
  public static final String LB_SCF_ANSWER = "127.0.0.2";
  private final EmbeddedCloud cloud;
  private final Daemon daemon;

  private SandboxDaemon(EmbeddedCloud cloud, Daemon daemon) {
    this.cloud = cloud;
    this.daemon = daemon;
  }

  public static SandboxDaemon start(Path world, Path config, Path stateDir, Clock wall)
      throws Exception {
    return start(world, config, stateDir, wall, Map.of());
  }

  /**
   * @param env variables the config may use besides the sandbox's ports and the environment
   */
  public static SandboxDaemon start(
      Path world, Path config, Path stateDir, Clock wall, Map<String, String> env)
      throws Exception {
    return start(world, config, stateDir, wall, env, Fsync.DEVICE);
  }

  /**
   * @param fsync how the daemon's state directory forces its files: a test's slow or failing disk
   */
  public static SandboxDaemon start(
      Path world, Path config, Path stateDir, Clock wall, Map<String, String> env, Fsync fsync)
      throws Exception {
    EmbeddedCloud cloud = EmbeddedCloud.start(world);
    try {
      warmFunctions(cloud);
      SluiceConfig loaded =
          new ConfigLoader(cloud.env(name -> env.getOrDefault(name, System.getenv(name))))
              .load(config);
      DaemonOptions options = options(cloud, stateDir, wall).withFsync(fsync);
      return new SandboxDaemon(
          cloud, Daemon.start(loaded, cloud.credential(), options, CloudActuators.builder()));
    } catch (Exception | Error e) {
      cloud.close();
      throw e;
    }
  }

  /**
   * Invokes each function of the world once through the SCF API, so its first worker has started
   * before the daemon probes it: on a loaded machine a Python cold start outlasts a probe's
   * timeout, and the daemon would rightly fail away from a backend the test means to be healthy.
   * Cold starts have tests of their own.
   */
  private static void warmFunctions(EmbeddedCloud cloud) throws TencentCloudSDKException {
    ScfClient scf = new CloudClients(cloud.credential(), cloud.clientSettings()).scf();
    for (SandboxScenario.FunctionSpec function : cloud.sandbox().scenario().functions()) {
      InvokeRequest invoke = new InvokeRequest();
      invoke.setFunctionName(function.name());
      function.namespace().ifPresent(invoke::setNamespace);
      invoke.setClientContext("{}");
      scf.Invoke(invoke);
    }
  }

  /**
   * How a test's daemon runs on {@code cloud}: its API on a free loopback port, the default tick,
   * the real monotonic clock and the wall clock of the test's choosing.
   */
  public static DaemonOptions options(EmbeddedCloud cloud, Path stateDir, Clock wall) {
    return new DaemonOptions(
        cloud.clientSettings(),
        stateDir,
        ListenAddress.parse("127.0.0.1:0"),
        DaemonOptions.DEFAULT_TICK,
        false,
        System::nanoTime,
        wall);
  }

  public Sandbox sandbox() {
    return cloud.sandbox();
  }

  public Daemon daemon() {
    return daemon;
  }

  /** Controller ticks so far. */
  public long ticks() {
    return daemon.registry().get(MeterNames.TICK_LAG).timer().count();
  }

  /** The loopback port of a VIP. */
  public int vip(String loadBalancerId, String listenerId) {
    return sandbox().vipPort(loadBalancerId, listenerId);
  }

  /**
   * The share (0-100) of a name's answers that the SCF record gets, from the two records' status
   * and weights as DNSPod holds them.
   */
  public int scfPercent(String zone, long cvmRecordId, long scfRecordId) {
    int cvm = weight(zone, cvmRecordId);
    int scf = weight(zone, scfRecordId);
    return cvm + scf == 0 ? 0 : Math.round(100f * scf / (cvm + scf));
  }

  private int weight(String zone, long recordId) {
    var dns = sandbox().dns();
    DnsRecord record = dns.record(dns.domain(zone, Optional.empty()), recordId);
    return record.enabled() && record.weight() != null ? record.weight() : 0;
  }

  /** One DNS answer for {@code name}, empty when none. */
  public String answer(String name) throws IOException {
    return SandboxClients.dns(sandbox().dnsPort(), name);
  }

  /**
   * A request for {@code name} the way a client makes it: resolve the name, then ask the VIP it
   * resolved to. The demo world's answers are symbolic: 127.0.0.1 is lb-cvm, 127.0.0.2 lb-scf.
   */
  public String follow(String name) throws IOException {
    String vip = answer(name);
    int port =
        switch (vip) {
          case LB_CVM_ANSWER -> vip("lb-cvm", "lbl-cvm");
          case LB_SCF_ANSWER -> vip("lb-scf", "lbl-scf");
          default -> throw new AssertionError(name + " resolved to '" + vip + "'");
        };
    return SandboxClients.get(port, name);
  }

  /** The daemon first (its last change finishes), then the sandbox. */
  @Override
  public void close() {
    try {
      daemon.close();
    } finally {
      cloud.close();
    }
  }

  static Path resource(String name) {
    return Path.of("src", "test", "resources", name);
  }

  static Path demoWorld() {
    return Path.of("examples", "demo", "world.yaml");
  }
}

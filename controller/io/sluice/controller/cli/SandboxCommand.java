package io.sluice.controller.cli;

import io.sluice.sandbox.Sandbox;
import io.sluice.sandbox.scenario.SandboxScenario;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice sandbox -s FILE}: runs a local Tencent Cloud standalone, prints where to reach it,
 * and serves until interrupted.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Run the sandbox (a local Tencent Cloud: CLB, DNSPod, SCF, CVM and Monitor APIs, with live"
            + " VIPs and DNS on loopback) from a scenario file, until interrupted.")
final class SandboxCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-s", "--scenario"},
      required = true,
      paramLabel = "FILE",
      description = "The scenario file, e.g. examples/sandbox/demo-world.yaml.")
  Path scenarioFile;

  /** Released by tests (and by the shutdown hook) to stop serving. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxScenario scenario;
    try {
      scenario = ScenarioLoader.load(scenarioFile);
    } catch (NoSuchFileException e) {
      err.println("sluice: cannot read " + scenarioFile + ": no such file");
      err.flush();
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("sluice: " + e.getMessage());
      err.flush();
      return 1;
    }
    Path base = scenarioFile.toAbsolutePath().getParent();
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(scenario, base);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("sluice: " + scenarioFile + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    CountDownLatch closed = new CountDownLatch(1);
    try {
      describe(out, sandbox);
      Serving.until(stop, closed, "sandbox-shutdown");
    } finally {
      sandbox.close();
      closed.countDown();
    }
    return 0;
  }

  private static void describe(PrintWriter out, Sandbox sandbox) {
    var credential = sandbox.scenario().credentials().stream().findFirst();
    out.println("sandbox running (Ctrl-C stops it)");
    out.println("  API endpoint  " + sandbox.apiEndpoint() + "   (HttpProfile endpoint, http://)");
    out.println("  region        " + sandbox.region());
    credential.ifPresent(
        c -> out.println("  SecretId      " + c.secretId() + "   SecretKey " + c.secretKey()));
    sandbox
        .vipPorts()
        .forEach(
            (listener, port) -> out.println("  VIP           " + listener + "  127.0.0.1:" + port));
    out.println("  DNS           127.0.0.1:" + sandbox.dnsPort() + "   (udp)");
    out.println(
        "  admin         http://127.0.0.1:"
            + sandbox.adminPort()
            + "/admin/   (faults, mutation log; see docs/sandbox.md)");
    sandbox.vipPorts().entrySet().stream()
        .findFirst()
        .ifPresent(
            e ->
                out.println(
                    "  try           curl -H 'Host: <rule domain>' http://127.0.0.1:"
                        + e.getValue()
                        + "/"));
    out.flush();
  }
}

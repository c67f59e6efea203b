package io.sluice.controller.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice run -c FILE}: the daemon, until interrupted. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the controller daemon on a config file until interrupted.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The config file.")
  Path file;

  @Option(
      names = "--sandbox",
      paramLabel = "SCENARIO",
      description =
          "Start the embedded sandbox from this scenario and run against it (needed with"
              + " credentials source sandbox); the config reaches its VIPs as"
              + " $${SANDBOX_PORT_<LISTENER>}.")
  Optional<Path> sandboxScenario;

  @Option(
      names = "--endpoint",
      paramLabel = "HOST:PORT",
      description =
          "Send the cloud API calls here over plain HTTP instead of to Tencent Cloud: a sandbox"
              + " in another process (`sluice sandbox`). Credentials still come from"
              + " controller.credentials, e.g. source env with TENCENTCLOUD_SECRET_ID and"
              + " TENCENTCLOUD_SECRET_KEY set to one of the scenario's.")
  Optional<String> endpoint;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where the journal and the home targets live (default: the config's stateDir).")
  Optional<Path> stateDir;

  @Option(names = "--dry-run", description = "Decide and print the plans; never change the cloud.")
  boolean dryRun;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Where the operator API, /metrics, /healthz and /readyz are served (default: api.listen).")
  Optional<String> listen;

  @Option(
      names = "--replica",
      paramLabel = "NAME",
      description =
          "This replica's name in its group (controller.ha), one of controller.vantagePoints;"
              + " over controller.ha.replica and the host's name, so one file serves every"
              + " replica.")
  Optional<String> replica;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text (default) or json: one JSON object per line.")
  LogFormat logFormat = LogFormat.TEXT;

  /** Released by tests (and by the shutdown hook) to stop. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    logFormat.apply();
    return DaemonLaunch.run(
        new DaemonLaunch.Request(
            file, sandboxScenario, endpoint, dryRun, listen, stateDir, Map.of(), replica),
        spec.commandLine().getErr(),
        stop,
        (daemon, cloud) -> {});
  }
}

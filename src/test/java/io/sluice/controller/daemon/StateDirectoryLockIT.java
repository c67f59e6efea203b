package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.disk.StateDirectoryInUse;
import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue item 14: two daemons on one state directory are refused, in one process and across two, and
 * the refusal names the holder. The lock goes with its holder: released on close, and by the
 * operating system when the holder is killed.
 */
final class StateDirectoryLockIT {
  private static final Path CONFIG = Path.of("examples", "demo", "sluice.yaml");
  // the demo config takes its admin token's hash from the environment
  private static final Map<String, String> DEMO_TOKEN_HASH =
      Map.of("SLUICE_DEMO_TOKEN_SHA256", Tokens.sha256(Tokens.generate()));
  // a JVM start, the embedded sandbox, the daemon's start; then CI slack
  private static final Duration CHILD_BOUND = Duration.ofSeconds(90);

  // not a temporary folder: the children's logs are what explains a failure
  private final Path dir =
      Path.of("target", "state-lock-it", String.valueOf(ProcessHandle.current().pid()));
  private final List<Process> children = new ArrayList<>();
  private final List<SandboxDaemon> daemons = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    daemons.forEach(SandboxDaemon::close);
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  @Test
  void aSecondDaemonIsRefusedNamingTheFirstInThisProcessAndInAnother() throws Exception {
    Path stateDir = dir.resolve("held-here");
    Files.createDirectories(dir);
    SandboxDaemon first = start(stateDir);
    String me = "pid " + ProcessHandle.current().pid();

    assertThatThrownBy(() -> start(stateDir))
        .isInstanceOf(StateDirectoryInUse.class)
        .hasMessageContaining("in use by another sluice (" + me);

    Path log = dir.resolve("refused.log");
    Process second = sluiceRun(stateDir, log);
    assertThat(second.waitFor(CHILD_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(log)).isEqualTo(1);
    assertThat(Files.readString(log))
        .contains("sluice: the state directory " + stateDir)
        .contains("in use by another sluice (" + me + " on host ");

    first.close();
    daemons.remove(first);
    start(stateDir); // released on close
  }

  @Test
  void theLockOfAKilledDaemonIsReleasedByItsDeath() throws Exception {
    Path stateDir = dir.resolve("held-by-child");
    Files.createDirectories(dir);
    Process holder = sluiceRun(stateDir, dir.resolve("holder.log"));
    String child = "pid " + holder.pid();
    Path lockFile = stateDir.resolve("sluice.lock");
    await()
        .atMost(CHILD_BOUND)
        .until(() -> Files.exists(lockFile) && Files.readString(lockFile).startsWith(child));

    assertThatThrownBy(() -> start(stateDir))
        .isInstanceOf(StateDirectoryInUse.class)
        .hasMessageContaining("in use by another sluice (" + child);

    holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
    holder.waitFor();
    start(stateDir);
  }

  private SandboxDaemon start(Path stateDir) throws Exception {
    SandboxDaemon daemon =
        SandboxDaemon.start(
            SandboxDaemon.demoWorld(), CONFIG, stateDir, Clock.systemUTC(), DEMO_TOKEN_HASH);
    daemons.add(daemon);
    return daemon;
  }

  private Process sluiceRun(Path stateDir, Path log) throws IOException {
    ProcessBuilder builder =
        SluiceProcess.command(
            log,
            "run",
            "-c",
            CONFIG.toString(),
            "--sandbox",
            SandboxDaemon.demoWorld().toString(),
            "--state-dir",
            stateDir.toString(),
            "--listen",
            "127.0.0.1:0");
    builder.environment().putAll(DEMO_TOKEN_HASH);
    Process child = builder.start();
    children.add(child);
    return child;
  }
}

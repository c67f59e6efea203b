package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class SandboxCommandIT {
  // not the common pool: on two cores it has one thread, which another test's long-running
  // command may hold for its whole run
  private static final Executor OWN_THREAD = task -> new Thread(task, "sandbox-command").start();

  @Test
  void runsTheDemoWorldPrintsWhereToReachItAndStopsCleanly() throws Exception {
    SandboxCommand command = new SandboxCommand();
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> cli.execute("-s", "examples/sandbox/demo-world.yaml"), OWN_THREAD);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> out.toString().contains("DNS") || exit.isDone());
    assertThat(exit).as("the sandbox stopped early: %s", err).isNotDone();
    command.stop.countDown();

    assertThat(exit.get()).isZero();
    assertThat(out.toString())
        .contains("API endpoint  127.0.0.1:")
        .contains("VIP           lb-sandbox1/lbl-sandbox1  127.0.0.1:")
        .contains("VIP           lb-sandbox2/lbl-sandbox2  127.0.0.1:")
        .contains("SecretId      AKIDSLUICESANDBOX");
  }

  @Test
  void aBrokenScenarioIsOneClearLineAndExitOne() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SandboxCommand());
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("-s", "src/test/resources/sandbox/broken-world.yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("sluice: ").contains("instances[0].nmae: unknown key");
  }
}

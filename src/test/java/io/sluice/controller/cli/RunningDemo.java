package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** {@code sluice demo} run in the test's JVM on a port of its own, as a user starts it. */
final class RunningDemo implements AutoCloseable {
  // the sandbox and the daemon start in a few seconds; the rest is slack for a busy CI machine
  private static final Duration START_BOUND = Duration.ofSeconds(60);
  final DemoCommand command = new DemoCommand();
  private final StringWriter out = new StringWriter();
  private final CompletableFuture<Integer> exit;

  private RunningDemo(Path stateDir) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    exit =
        CompletableFuture.supplyAsync(
            () -> cli.execute("--listen", "127.0.0.1:0", "--state-dir", stateDir.toString()),
            // not the common pool: on two cores it has one thread, and the demo holds it for the
            // whole test
            task -> new Thread(task, "sluice-demo").start());
  }

  /** Starts the demo and returns once its daemon is up (fails the test if the demo exited). */
  static RunningDemo start(Path stateDir) {
    RunningDemo demo = new RunningDemo(stateDir);
    await().atMost(START_BOUND).until(() -> demo.command.daemon != null || demo.exit.isDone());
    assertThat(demo.exit).isNotDone();
    return demo;
  }

  Sandbox sandbox() {
    return command.sandbox;
  }

  /** The admin token this demo made at start. */
  String token() {
    return command.token;
  }

  int httpPort() {
    return command.daemon.httpPort();
  }

  /** What the demo printed (its guide). */
  String output() {
    return out.toString();
  }

  /** Stops both CVM instances of shop: its CVM backend goes DOWN. */
  void breakCvm() {
    sandbox().instances().stop("ins-shop0001");
    sandbox().instances().stop("ins-shop0002");
    sandbox().reconcileInstances();
  }

  /** Starts them again. */
  void repairCvm() {
    sandbox().instances().start("ins-shop0001");
    sandbox().instances().start("ins-shop0002");
    sandbox().reconcileInstances();
  }

  @Override
  public void close() throws Exception {
    command.stop.countDown();
    assertThat(exit.get()).isZero();
  }
}

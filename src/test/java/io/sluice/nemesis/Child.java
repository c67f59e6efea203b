package io.sluice.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real process of a nemesis run (a replica, a ZooKeeper server, the sandbox), its output in a
 * log file kept after the run, since the logs are what explains a failed run. The nemeses act on it
 * the way the operating system would: SIGSTOP and SIGCONT (a long GC pause), SIGKILL (a crash).
 */
final class Child implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Path log;
  private final Process process;

  private Child(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code command} with these extra environment variables, output to {@code log}. */
  static Child start(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return new Child(name, log, builder.start());
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** What it has written so far; empty before it wrote anything. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGSTOP: the process stops where it is, its sockets open, as in a long GC pause. */
  void pause() {
    signal("STOP");
  }

  /** SIGCONT: a paused process goes on. */
  void resume() {
    signal("CONT");
  }

  /** SIGKILL: no shutdown hook, nothing flushed; returns once the process is gone. */
  void kill9() {
    signal("KILL");
    waitForExit();
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period; a no-op once it has. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    resume(); // a paused process cannot act on SIGTERM
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        kill9();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code kill -SIG pid}, as an operator or the kernel would send it. */
  private void signal(String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).start();
      if (kill.waitFor() != 0 && process.isAlive()) {
        throw new IllegalStateException(
            "kill -"
                + signal
                + " "
                + pid()
                + " ("
                + name
                + ") failed: "
                + new String(kill.getErrorStream().readAllBytes()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + signal + " for " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}

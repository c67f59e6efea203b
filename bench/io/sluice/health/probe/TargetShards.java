package io.sluice.health.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@link LoopbackTargets} JVMs for {@code count} targets and collects their addresses.
 *
 * <p>Why shards: a target costs its server a listening socket and an accepted connection, two file
 * descriptors, so one JVM serving 10,000 targets would need more than the usual 20,000 open files.
 * {@link #PER_SHARD} keeps each shard near half of that.
 */
final class TargetShards implements AutoCloseable {
  static final int PER_SHARD = 4_000;

  record Endpoint(String host, int port) {}

  /**
   * Requests and connections the targets saw, from their own counters, and the longest any of their
   * event loops ran late.
   */
  record Served(long connections, long requests, long stallMillis) {}

  private final List<Process> shards = new ArrayList<>();
  private final List<BufferedReader> outputs = new ArrayList<>();
  private final List<Endpoint> endpoints = new ArrayList<>();

  TargetShards(int count) {
    try {
      for (int first = 0; first < count; first += PER_SHARD) {
        start(first, Math.min(PER_SHARD, count - first));
      }
      for (BufferedReader output : outputs) {
        readEndpoints(output);
      }
    } catch (IOException | RuntimeException e) {
      shards.forEach(Process::destroyForcibly);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  /** CPU the target JVMs have used so far, all threads. */
  Duration cpu() {
    return shards.stream()
        .map(shard -> shard.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** Stops the targets and returns what they served. */
  Served stop() throws IOException, InterruptedException {
    long connections = 0;
    long requests = 0;
    long stallMillis = 0;
    for (int i = 0; i < shards.size(); i++) {
      shards.get(i).getOutputStream().close();
      String line;
      while ((line = outputs.get(i).readLine()) != null) {
        if (line.startsWith("STATS ")) {
          String[] fields = line.split(" ");
          connections += Long.parseLong(fields[1]);
          requests += Long.parseLong(fields[2]);
          stallMillis = Math.max(stallMillis, Long.parseLong(fields[3]));
        }
      }
      shards.get(i).waitFor();
    }
    shards.clear();
    return new Served(connections, requests, stallMillis);
  }

  @Override
  public void close() {
    shards.forEach(Process::destroyForcibly);
  }

  private void start(int first, int count) throws IOException {
    Process shard =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                LoopbackTargets.class.getName(),
                Integer.toString(first),
                Integer.toString(count))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    shards.add(shard);
    outputs.add(
        new BufferedReader(new InputStreamReader(shard.getInputStream(), StandardCharsets.UTF_8)));
  }

  private void readEndpoints(BufferedReader output) throws IOException {
    String line;
    while ((line = output.readLine()) != null) {
      if (line.equals("READY")) {
        return;
      }
      if (line.startsWith("ENDPOINT ")) {
        String[] fields = line.split(" ");
        endpoints.add(new Endpoint(fields[1], Integer.parseInt(fields[2])));
      }
    }
    throw new IOException("a target shard exited before it was ready");
  }
}

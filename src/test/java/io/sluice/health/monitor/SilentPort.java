package io.sluice.health.monitor;

import io.sluice.health.probe.ProbeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A loopback port that takes connections and never answers, for monitors whose results the test
 * feeds itself: their probes wait out an interval-long timeout, so none of them ever reports.
 */
final class SilentPort implements AutoCloseable {
  private final ServerSocket socket;

  SilentPort() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  /**
   * Probes that connect (or wait to, once the port's backlog is full) and then wait {@code
   * interval} for an answer that never comes; even when the test clock jumps ten intervals ahead
   * they are not late.
   */
  ProbeSpec spec(Duration interval) {
    return ProbeSpec.http("127.0.0.1", socket.getLocalPort())
        .interval(interval)
        .timeout(interval)
        .connectTimeout(interval)
        .maxLag(interval.multipliedBy(10))
        .build();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.sluice.sandbox.dataplane;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the data plane reports every request a VIP answered, so the emulated Cloud Monitor can
 * serve request counts, status classes and response times from real traffic. Called on the event
 * loop: implementations must be quick and thread-safe.
 */
public interface TrafficRecorder {

  /** Drops everything; for scenarios that do not look at metrics. */
  TrafficRecorder NONE =
      (vip, port, protocol, domain, url, targetIp, targetPort, status, responseTime, at) -> {};

  /**
   * @param vip the listener's declared VIP, as the Monitor's {@code vip} dimension
   * @param port the listener's declared port
   * @param protocol {@code HTTP}
   * @param domain the matched rule's domain, or the request host when no rule matched
   * @param url the matched rule's URL, or the request path when no rule matched
   * @param targetIp the real server's declared IP, {@code namespace/name/qualifier} for a function
   *     (reference 5.5), or empty when no target was chosen
   * @param targetPort the real server's declared port, 0 for a function or no target
   * @param status the HTTP status the client got
   */
  void record(
      String vip,
      int port,
      String protocol,
      String domain,
      String url,
      String targetIp,
      int targetPort,
      int status,
      Duration responseTime,
      Instant at);
}

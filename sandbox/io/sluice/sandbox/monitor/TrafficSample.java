package io.sluice.sandbox.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP exchange through an emulated CLB, as the data plane reports it to {@link TrafficStats}.
 *
 * @param vip the load balancer's VIP (host, without port)
 * @param port the listener port
 * @param protocol the listener protocol, e.g. {@code HTTP}
 * @param domain the rule's domain, or null on a layer-4 listener
 * @param url the rule's URL path, or null on a layer-4 listener
 * @param targetIp the real server that answered, or null (or empty, as the data plane passes it)
 *     when CLB answered itself (e.g. 404 with no rule, 503 with no target, 502 or 504 after a
 *     target refused or timed out); for an SCF target the sandbox uses {@code
 *     namespace/function/qualifier} (UNCONFIRMED convention, reference section 5.5)
 * @param targetPort the real server's port, 0 for SCF or when CLB answered itself
 * @param status the HTTP status returned to the client
 * @param responseTime from request to response
 */
public record TrafficSample(
    String vip,
    int port,
    String protocol,
    String domain,
    String url,
    String targetIp,
    int targetPort,
    int status,
    Duration responseTime,
    Instant at) {
  public TrafficSample {
    Objects.requireNonNull(vip, "vip");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(responseTime, "responseTime");
    Objects.requireNonNull(at, "at");
    // One spelling of "CLB answered itself", so that such answers never count as a real server's.
    targetIp = targetIp == null || targetIp.isBlank() ? null : targetIp;
  }

  public boolean fromBackend() {
    return targetIp != null;
  }
}

package io.sluice.sandbox.dataplane.clb;

import io.sluice.sandbox.dataplane.TrafficRecorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a VIP sends back for one request and which target produced it, so answering the client and
 * recording the traffic read the same value.
 *
 * @param targetIp the real server that produced the reply, as {@link TrafficRecorder} expects it;
 *     {@link #CLB_ITSELF} when the CLB answered itself
 */
record VipReply(
    int status,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String targetIp,
    int targetPort) {

  /** The target of a reply the CLB made itself, as {@link TrafficRecorder} spells it. */
  static final String CLB_ITSELF = "";

  /**
   * A reply the CLB makes itself, with a short text body: no rule, no target, or a target that
   * refused, failed or timed out. It names no target even when one was tried, because no real
   * server produced it: Cloud Monitor counts it under {@code ClbHttp*}, never under a real server's
   * {@code Http*}.
   */
  static VipReply fromClb(int status, String message) {
    return new VipReply(
        status,
        List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
        message.getBytes(StandardCharsets.UTF_8),
        CLB_ITSELF,
        0);
  }
}

package io.sluice.sandbox.dataplane.clb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a VIP sends back for one request and which target produced it, so answering the client and
 * recording the traffic read the same value.
 *
 * @param targetIp as {@link io.sluice.sandbox.dataplane.TrafficRecorder} expects it
 */
record VipReply(
    int status,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String targetIp,
    int targetPort) {

  /** A reply the CLB itself makes, with a short text body. */
  static VipReply fromClb(int status, String message, String targetIp, int targetPort) {
    return new VipReply(
        status,
        List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
        message.getBytes(StandardCharsets.UTF_8),
        targetIp,
        targetPort);
  }
}

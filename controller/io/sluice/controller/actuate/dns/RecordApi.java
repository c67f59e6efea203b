package io.sluice.controller.actuate.dns;

import io.vertx.core.Future;

/**
 * The DNSPod calls the dns-weight actuator makes: {@link DnspodCalls} through the official SDK and
 * its guards; tests keep records in memory behind it. Results arrive on the caller's context.
 */
interface RecordApi {

  /** One record by its id (DescribeRecord). */
  Future<RecordState> describe(String zone, long recordId);

  /** Makes the write; its result is the call's RequestId. */
  Future<String> write(RecordWrite write);
}

package io.sluice.controller.actuate;

import io.vertx.core.Future;

/**
 * Where an actuator announces each cloud write, so that the reconciler can journal the intent
 * before it happens and the outcome after (reliability fault 6). Calls come in pairs, on the
 * reconciler's context. The write is made only once {@code before}'s future has succeeded (the
 * intent is durable); when it fails, the write is not made and the plan ends there.
 */
public interface StepLog {

  /**
   * A write is about to be made.
   *
   * @param action the API action, such as {@code ModifyRecordFields}
   * @param target what it changes, such as {@code record 1002} or {@code lb-1/lbl-1/loc-1}
   * @param value the absolute value written, such as {@code weight=30 status=ENABLE}
   * @return completes once the intent is durable
   */
  Future<Void> before(String action, String target, String value);

  /**
   * The write's outcome.
   *
   * @param requestId the cloud's RequestId, empty when the call never got an answer
   * @param outcome {@code APPLIED}, {@code FAILED} or {@code UNKNOWN}, with the reason after a
   *     colon when not applied
   */
  void after(String action, String target, String requestId, String outcome);

  /** A log that records nothing, for reads-only uses and tests. */
  StepLog NONE =
      new StepLog() {
        @Override
        public Future<Void> before(String action, String target, String value) {
          return Future.succeededFuture();
        }

        @Override
        public void after(String action, String target, String requestId, String outcome) {}
      };
}

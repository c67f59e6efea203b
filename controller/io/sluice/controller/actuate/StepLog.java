package io.sluice.controller.actuate;

/**
 * Where an actuator announces each cloud write, so that the reconciler can journal the intent
 * before it happens and the outcome after (reliability fault 6). Calls come in pairs, on the
 * reconciler's context; {@code before} returning means the intent is durable.
 */
public interface StepLog {

  /**
   * A write is about to be made.
   *
   * @param action the API action, such as {@code ModifyRecordFields}
   * @param target what it changes, such as {@code record 1002} or {@code lb-1/lbl-1/loc-1}
   * @param value the absolute value written, such as {@code weight=30 status=ENABLE}
   */
  void before(String action, String target, String value);

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
        public void before(String action, String target, String value) {}

        @Override
        public void after(String action, String target, String requestId, String outcome) {}
      };
}

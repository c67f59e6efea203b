package io.sluice.health.signal;

import io.sluice.cloud.FunctionRef;
import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;

/**
 * The SCF API's view of a function a CLB rule forwards to (GetFunction), and of its provisioned
 * concurrency (GetProvisionedConcurrencyConfig) for pre-warming before a shift.
 */
public interface ScfFunctionState {

  /** The function's status and type; fails with the SDK's exception. */
  Future<FunctionState> read(FunctionRef function);

  /** Up when Active and Event, Down otherwise, Inconclusive when the read failed; never fails. */
  Future<ProbeOutcome> check(FunctionRef function);

  /**
   * The provisioned concurrency of the function's {@code qualifier} (a published version); fails
   * with the SDK's exception.
   */
  Future<ProvisionedReadiness> provisioned(FunctionRef function);
}

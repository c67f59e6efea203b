package io.sluice.health.signal;

import io.sluice.health.ProbeOutcome;
import io.vertx.core.Future;
import java.util.List;

/**
 * The CVM API's view of a backend's instances (DescribeInstancesStatus): a stopped or terminated
 * instance explains a failing probe without any guesswork.
 */
public interface CvmInstanceState {

  /** The state of each instance (at most 100); fails with the SDK's exception. */
  Future<InstanceStates> read(List<String> instanceIds);

  /** Up when any is RUNNING, Down otherwise, Inconclusive when the read failed; never fails. */
  Future<ProbeOutcome> check(List<String> instanceIds);
}

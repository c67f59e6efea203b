package io.sluice.controller.actuate;

import io.sluice.policies.TrafficSplit;
import io.vertx.core.Future;

/**
 * Moves one route's traffic (a failover service, or one diverted domain) in the cloud: by DNSPod
 * record weights ({@code dns-weight}) or by the targets bound to the CLB rule users reach ({@code
 * clb-rule}). One instance per route and kind, built from the config.
 *
 * <p>The contract every implementation keeps (reliability faults 2-5):
 *
 * <ul>
 *   <li>{@link #apply} works from absolute values (weights, bindings), never deltas, so calling it
 *       again with the same split converges, whatever was half done before.
 *   <li>Make-before-break: each intermediate state keeps at least one backend that carries traffic
 *       in the desired split routed. Where the cloud cannot (a rule that cannot hold CVM targets
 *       and a function at once), the unavoidable gap is named in the {@link Applied} result and
 *       kept as short as the API allows.
 *   <li>Before every cloud write, {@link StepLog#before} is called (the reconciler journals it with
 *       fsync); after it, {@link StepLog#after} with the RequestId and the outcome.
 *   <li>Async writes (CLB) are polled with DescribeTaskStatus with backoff and a bounded budget.
 *       Status 1 (failed) or an exhausted budget make the call fail with an {@link
 *       ActuationException} whose outcome is FAILED or UNKNOWN; the caller then reads back before
 *       doing anything else. Throttling and {@code ResourceInOperating} are retried with backoff.
 *   <li>After the writes, the routing is read back; {@link Applied#after()} is what the cloud
 *       reports, not what was asked.
 * </ul>
 */
public interface Actuator {

  /** {@code dns-weight} or {@code clb-rule}. */
  String kind();

  /**
   * What the cloud routes now. Fails with an {@link ActuationException} (outcome UNKNOWN) when the
   * state cannot be read or is not one Sluice can express as a split (the reconciler then holds and
   * reports it).
   */
  Future<Routing> read();

  /**
   * Whether {@code current}, as read, is what this actuator makes of {@code split}: the split
   * itself, or for one that holds only whole splits (a CLB rule that cannot hold both kinds) the
   * whole split it writes for it. The reconciler counts such a piece as converged.
   */
  default boolean holds(Routing current, TrafficSplit split) {
    return current.uniform() && current.split().equals(split);
  }

  /**
   * Whether every split reads back as itself; false for one that holds only whole splits, whose
   * routing then says less about the route's split than another piece's (DNS weights beside it).
   */
  default boolean holdsEverySplit() {
    return true;
  }

  /**
   * Moves the route to {@code desired}; see the class comment. {@code actual} is the routing last
   * read, or null when unknown; implementations read the cloud themselves before writing.
   */
  Future<Applied> apply(TrafficSplit desired, Routing actual, StepLog log);
}

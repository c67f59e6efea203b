package io.sluice.sandbox.dataplane.clb;

/**
 * Where the CLB health checker publishes its verdicts, so the control plane can answer {@code
 * DescribeTargetHealth} with what the data plane really observed. Called on every change only.
 */
public interface TargetHealthSink {

  void report(TargetKey target, TargetHealth health);
}

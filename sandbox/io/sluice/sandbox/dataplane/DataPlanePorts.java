package io.sluice.sandbox.dataplane;

import io.sluice.sandbox.dataplane.clb.TargetHealthSink;
import io.sluice.sandbox.dataplane.cvm.InstanceRegistry;
import io.sluice.sandbox.dataplane.dns.DnsRecordSource;
import io.sluice.sandbox.dataplane.functions.FunctionRegistry;
import io.sluice.sandbox.dataplane.routing.RoutingTable;
import java.util.Objects;

/**
 * The six narrow interfaces through which the data plane reads the control-plane models and reports
 * back; the sandbox wiring adapts the CLB, CVM, SCF, DNSPod and Monitor models to them.
 */
public record DataPlanePorts(
    RoutingTable routing,
    InstanceRegistry instances,
    FunctionRegistry functions,
    TargetHealthSink targetHealth,
    TrafficRecorder traffic,
    DnsRecordSource dnsRecords) {
  public DataPlanePorts {
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(instances, "instances");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(targetHealth, "targetHealth");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(dnsRecords, "dnsRecords");
  }
}

/**
 * The sandbox's data plane: real traffic on loopback so a person can watch a failover move requests
 * from CVM to SCF. {@link io.sluice.sandbox.dataplane.DataPlane} wires CVM web servers ({@code
 * cvm}), CLB VIPs with weighted round robin and health checks ({@code clb}), the SCF Python runtime
 * ({@code functions}) and the DNSPod authoritative server ({@code dns}) to the control plane
 * through the narrow interfaces in {@link io.sluice.sandbox.dataplane.DataPlanePorts}.
 *
 * <p>UNCONFIRMED behaviours of the real services are settings, not constants: the CLB-trigger event
 * shape, the status of {@code Analyse scf response failed} (403), of a function error (502) and
 * timeout (504), and of a rule without weighted targets (503); see {@link
 * io.sluice.sandbox.dataplane.clb.ClbTriggerSettings} and {@link
 * io.sluice.sandbox.dataplane.clb.VipSettings}. The CLB event's {@code payload} is the body as a
 * string (Base64 for non-text types), not a parsed JSON object.
 */
package io.sluice.sandbox.dataplane;

package io.sluice.sandbox.dataplane.clb;

import java.lang.management.ManagementFactory;

/**
 * How many kept-alive connections the VIPs may pool to each CVM instance. Both ends of each pooled
 * connection live in this process (the VIP's client and the instance's server), so a world of two
 * thousand instances at Vert.x's default of five each would hold twenty thousand descriptors for
 * the pools alone, the whole of a common open-files limit: the sandbox then refused every new
 * connection and answered nothing (issue 13's 1,000-service world). The pools get half the limit at
 * most, never fewer than one connection per instance, never more than the default.
 */
final class ConnectionBudget {
  /** Vert.x's default pool size per server, what a small world keeps. */
  static final int MOST_PER_TARGET = 5;

  private ConnectionBudget() {}

  /**
   * @param targets the CVM instances the VIPs may forward to
   * @param maxFiles this process's open-files limit
   */
  static int perTarget(int targets, long maxFiles) {
    long share = maxFiles / 2 / (2L * Math.max(1, targets));
    return (int) Math.max(1, Math.min(MOST_PER_TARGET, share));
  }

  /** This process's open-files limit, or no limit where the platform does not say. */
  static long maxFiles() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : Long.MAX_VALUE;
  }
}

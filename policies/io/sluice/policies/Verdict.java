package io.sluice.policies;

/**
 * The health of one backend as the policy sees it. {@code UNKNOWN} means the evidence says nothing
 * about the backend (the prober is overloaded, the cloud API is throttled, the probes have not
 * reported yet); it never authorises a failover or a failback.
 */
public enum Verdict {
  UP,
  DOWN,
  UNKNOWN
}

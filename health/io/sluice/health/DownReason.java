package io.sluice.health;

/**
 * Why a probe or a cloud signal says the backend is down. Each one is evidence about the backend
 * itself; anything that only shows the prober could not measure is an {@link InconclusiveCause}.
 */
public enum DownReason {
  CONNECTION_REFUSED,
  CONNECTION_RESET,
  CONNECT_TIMEOUT,
  READ_TIMEOUT,
  TLS_ERROR,
  UNEXPECTED_STATUS,
  BODY_MISMATCH,
  DNS_FAILURE,
  /** The cloud's own view (for example CLB DescribeTargetHealth) reports the target unhealthy. */
  CLOUD_REPORTED_UNHEALTHY
}

package io.sluice.health;

/**
 * Why a probe could not measure. None of these says anything about the backend, so none ever counts
 * towards failover (a saturated prober or a throttled cloud API would otherwise report outages that
 * are not there).
 */
public enum InconclusiveCause {
  /**
   * The prober ran late (overload, GC pause), so a timeout measured the prober, not the backend.
   */
  PROBER_LAG,
  /** The prober's own resolver failed, not the backend's DNS. */
  LOCAL_RESOLVER,
  CLOUD_API_THROTTLED,
  CLOUD_API_ERROR,
  /** A circuit breaker in front of a cloud API is open; the call was not made. */
  CIRCUIT_OPEN,
  /** The credentials for a cloud signal were refused or have expired. */
  CREDENTIALS,
  /**
   * Sluice's own code threw while reading or judging the answer: a bug, reported as an internal
   * error, never a fault of the cloud or the backend.
   */
  INTERNAL_ERROR,
  /**
   * Results of this check were shed while the deciding context was behind: what they said is
   * unknown, so the run toward another status breaks and counting starts again (a shed Up between
   * two Downs must not let them join into a run that reaches {@code fall}).
   */
  RESULTS_SHED,
  NOT_MEASURED
}

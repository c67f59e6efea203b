package io.sluice.cloud;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.meters.MeterNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sluice's own failures, met where a cloud failure or a disk write could be: a bug in its own
 * parsing or judging (an exception thrown by Sluice's code around a cloud call), or its state
 * directory refusing a write. They must never pass for the cloud's trouble: each is counted in
 * {@code sluice.internal.errors} by {@code where} (alerted as {@code SluiceInternalError}), and
 * logged at ERROR with its stack the first time it happens at one place with one exception class;
 * repeats are logged at WARN when their count reaches a power of two, so a bug hit every probe
 * round neither floods the log nor goes quiet. Thread-safe.
 */
public final class InternalErrors {
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

  /** An exception thrown by Sluice's code in a guarded cloud call (building it, reading it). */
  public static final String CLOUD_CALL = "cloud-call";

  /** An exception thrown by a signal's judge of a cloud answer. */
  public static final String SIGNAL_JUDGE = "signal-judge";

  /** An audit entry that could not be written. */
  public static final String AUDIT = "audit";

  /** The overrides file could not be written. */
  public static final String OVERRIDES = "overrides";

  /** Every {@code where}, each counted from 0 at the start so that the first error is a rise. */
  public static final List<String> PLACES = List.of(CLOUD_CALL, SIGNAL_JUDGE, AUDIT, OVERRIDES);

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

  public InternalErrors(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    for (String where : PLACES) {
      counters.put(
          where,
          Counter.builder(MeterNames.INTERNAL_ERRORS)
              .description(
                  "failures of Sluice's own code or state directory (never the cloud's); each is"
                      + " logged at ERROR")
              .tag(MeterNames.TAG_WHERE, where)
              .register(registry));
    }
  }

  /**
   * Counts and logs one internal error.
   *
   * @param where one of {@link #PLACES}
   * @param subject what it happened to (a cloud action, a service), for the log line
   */
  public void report(String where, String subject, Throwable error) {
    Counter counter = counters.get(where);
    if (counter == null) {
      throw new IllegalArgumentException("where: must be one of " + PLACES + ", got " + where);
    }
    counter.increment();
    String key = where + "/" + subject + "/" + error.getClass().getName();
    long times = seen.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    if (times == 1) {
      LOG.error(
          "internal error ({}) in {}: Sluice's own code or state directory failed, not the cloud",
          where,
          subject,
          error);
    } else if (Long.bitCount(times) == 1) {
      LOG.warn(
          "internal error ({}) in {} again, {} times so far: {}",
          where,
          subject,
          times,
          CloudFailure.describe(error));
    }
  }
}

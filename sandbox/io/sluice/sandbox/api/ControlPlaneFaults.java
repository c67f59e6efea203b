package io.sluice.sandbox.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches that make the API misbehave for chosen actions, so tests and the admin API can rehearse
 * the cloud failing. A fault is set per action name or for {@code *} (every action; an action's own
 * fault wins), for one call, N calls or until cleared. Faults apply only to calls that pass the
 * signature check and name a known action and version, as a real cloud throttles or fails only real
 * calls: a call the API rejects anyway gets its usual error and leaves the count alone, so a fault
 * for N calls fails exactly N. Also holds the server's clock offset, which moves the clock used for
 * {@code AuthFailure.SignatureExpire} only.
 */
public final class ControlPlaneFaults {
  /** Matches every action. */
  public static final String ANY_ACTION = "*";

  private static final int UNTIL_CLEARED = -1;

  private final Map<String, Armed> byAction = new LinkedHashMap<>();
  private Duration clockSkew = Duration.ZERO;

  private record Armed(Fault fault, int remaining) {}

  /** The fault answers the next call of the action only. */
  public synchronized void once(String action, Fault fault) {
    times(action, fault, 1);
  }

  /** The fault answers the next {@code count} calls of the action. */
  public synchronized void times(String action, Fault fault, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count: must be at least 1, got " + count);
    }
    arm(action, fault, count);
  }

  /** The fault answers every call of the action until {@link #clear}. */
  public synchronized void untilCleared(String action, Fault fault) {
    arm(action, fault, UNTIL_CLEARED);
  }

  public synchronized void clear(String action) {
    byAction.remove(action);
  }

  public synchronized void clearAll() {
    byAction.clear();
  }

  /** Takes the fault for this call, if any, counting it against its remaining uses. */
  public synchronized Optional<Fault> take(String action) {
    String key = byAction.containsKey(action) ? action : ANY_ACTION;
    Armed armed = byAction.get(key);
    if (armed == null) {
      return Optional.empty();
    }
    if (armed.remaining() == 1) {
      byAction.remove(key);
    } else if (armed.remaining() > 1) {
      byAction.put(key, new Armed(armed.fault(), armed.remaining() - 1));
    }
    return Optional.of(armed.fault());
  }

  /** How far the server's clock is ahead of the injected clock (negative: behind). */
  public synchronized void clockSkew(Duration skew) {
    clockSkew = Objects.requireNonNull(skew, "skew");
  }

  public synchronized Duration clockSkew() {
    return clockSkew;
  }

  private void arm(String action, Fault fault, int remaining) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(fault, "fault");
    byAction.put(action, new Armed(fault, remaining));
  }
}

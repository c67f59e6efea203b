package io.sluice.health;

/**
 * How many consecutive conclusive results change a check's status, as HAProxy's {@code fall} and
 * {@code rise}: {@code fall} Downs in a row make it DOWN, {@code rise} Ups in a row make it UP.
 * Needing several in a row trades detection time ((fall - 0.5) probe intervals on average) against
 * false DOWNs (about p^fall per window at a per-probe loss rate p).
 */
public record CheckThresholds(int fall, int rise) {
  public static final int DEFAULT_FALL = 3;
  public static final int DEFAULT_RISE = 2;
  public static final CheckThresholds DEFAULT = new CheckThresholds(DEFAULT_FALL, DEFAULT_RISE);

  public CheckThresholds {
    if (fall < 1) {
      throw new IllegalArgumentException("fall: must be 1 or more, got " + fall);
    }
    if (rise < 1) {
      throw new IllegalArgumentException("rise: must be 1 or more, got " + rise);
    }
  }
}

package io.sluice.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A failover timeline for the failback-wait property: the primary is UP, then goes through one or
 * more confirmed DOWNs (each seen DOWN for at least {@link FailoverSettings#restartsTheWait}, no
 * less than {@code confirmFor}, so the first fails over), and between and after them is UP but for
 * blips, DOWN runs shorter than that with at least one UP verdict on either side. The standby stays
 * UP throughout, one observation every {@code gapMillis}.
 *
 * <p>Between two confirmed DOWNs the blips and UP runs last less than {@code failback.after}, so
 * they fall inside the wait; after the last one, blips start only before the wait would end, and
 * the primary is UP from then on, long enough for the whole failback ramp.
 *
 * @param lastDownEnd the index of the observation that ends the last confirmed DOWN (the first UP
 *     after it)
 */
record BlipTimeline(Scenario scenario, FailoverSettings settings, long gapMillis, int lastDownEnd) {

  /** {@code up} UP observations, then a blip of {@code down} DOWN observations (capped). */
  record Noise(int up, int down) {}

  /**
   * A confirmed DOWN, {@code extraDown} observations longer than it must be, and the noise after
   * it.
   */
  record Episode(int extraDown, List<Noise> noise) {}

  static BlipTimeline of(
      FailoverSettings settings, long origin, long gapMillis, List<Episode> episodes) {
    if (settings.restartsTheWait().isZero() || episodes.isEmpty()) {
      throw new IllegalArgumentException(
          "blips need a DOWN to restart the wait only after a while, and a failover");
    }
    return new Builder(settings, gapMillis).build(origin, episodes);
  }

  /** The longest blip, in observations: seen DOWN for less than restartsTheWait. */
  static int maxBlip(FailoverSettings settings, long gapMillis) {
    return (int) Math.max(1, ceilDiv(settings.restartsTheWait().toMillis(), gapMillis));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static final class Builder {
    private final FailoverSettings settings;
    private final long gap;
    private final List<Scenario.Step> steps = new ArrayList<>();
    private int observations;

    Builder(FailoverSettings settings, long gapMillis) {
      this.settings = settings;
      this.gap = gapMillis;
    }

    BlipTimeline build(long origin, List<Episode> episodes) {
      long confirm = settings.restartsTheWait().toMillis();
      long after = settings.failback().after().toMillis();
      int confirmed = (int) ceilDiv(confirm, gap) + 1; // (k - 1) * gap >= restartsTheWait
      int maxBlip = maxBlip(settings, gap); // (b - 1) * gap < restartsTheWait
      primary(Verdict.UP, settings.safeguards().warmupRounds() + 1);
      int lastDownEnd = 0;
      for (int e = 0; e < episodes.size(); e++) {
        Episode episode = episodes.get(e);
        primary(Verdict.DOWN, confirmed + episode.extraDown());
        lastDownEnd = observations;
        boolean last = e == episodes.size() - 1;
        for (Noise n : episode.noise()) {
          int blip = Math.min(n.down(), maxBlip);
          long blipStarts = (observations + n.up() - lastDownEnd) * gap;
          long noiseEnds = (observations + n.up() + blip - 1 - lastDownEnd) * gap;
          if (last ? blipStarts >= after : noiseEnds >= after) {
            break;
          }
          primary(Verdict.UP, n.up());
          primary(Verdict.DOWN, blip);
        }
      }
      long ramp =
          settings.failback().steps().size() * (settings.failback().stepEvery().toMillis() + gap);
      primary(Verdict.UP, (int) ceilDiv(after + confirm + ramp, gap) + 2);
      return new BlipTimeline(
          new Scenario(settings, TrafficSplit.allOn(settings.primary()), origin, steps),
          settings,
          gap,
          lastDownEnd);
    }

    private void primary(Verdict verdict, int repeat) {
      Verdict cvm = settings.primary() == Backend.CVM ? verdict : Verdict.UP;
      Verdict scf = settings.primary() == Backend.SCF ? verdict : Verdict.UP;
      steps.add(new Scenario.Step(repeat, gap, cvm, scf, 0, Optional.empty()));
      observations += repeat;
    }
  }
}

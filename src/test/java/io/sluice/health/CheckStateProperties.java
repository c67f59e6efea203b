package io.sluice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.policies.Verdict;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class CheckStateProperties {

  enum Kind {
    UP,
    DOWN,
    INCONCLUSIVE
  }

  @Provide
  Arbitrary<Long> origins() {
    return Probes.origins();
  }

  /**
   * Tracks the runs of consecutive Downs and Ups (Inconclusive skipped) beside the state: a change
   * to DOWN needs a run of {@code fall} Downs, a change to UP a run of {@code rise} Ups, and a run
   * that long always has the status it points to.
   */
  @Property
  void changesStatusOnlyAfterEnoughConsecutiveConclusiveResults(
      @ForAll @Size(max = 60) List<Kind> kinds,
      @ForAll @IntRange(min = 1, max = 5) int fall,
      @ForAll @IntRange(min = 1, max = 5) int rise,
      @ForAll("origins") long origin) {
    Probes probes = new Probes(origin);
    CheckThresholds thresholds = new CheckThresholds(fall, rise);
    CheckState state = CheckState.initial();
    int downRun = 0;
    int upRun = 0;
    long millis = 0;
    for (Kind kind : kinds) {
      millis += 1000;
      ProbeResult result =
          switch (kind) {
            case UP -> probes.up(millis);
            case DOWN -> probes.down(millis);
            case INCONCLUSIVE -> probes.inconclusive(millis);
          };
      switch (kind) {
        case UP -> {
          upRun++;
          downRun = 0;
        }
        case DOWN -> {
          downRun++;
          upRun = 0;
        }
        case INCONCLUSIVE -> {}
      }
      Verdict before = state.status();
      state = state.next(result, thresholds);
      Verdict after = state.status();
      if (after != before && after == Verdict.DOWN) {
        assertThat(downRun).as("consecutive Downs when turning DOWN").isGreaterThanOrEqualTo(fall);
      }
      if (after != before && after == Verdict.UP) {
        assertThat(upRun).as("consecutive Ups when turning UP").isGreaterThanOrEqualTo(rise);
      }
      if (downRun >= fall) {
        assertThat(after).isEqualTo(Verdict.DOWN);
      }
      if (upRun >= rise) {
        assertThat(after).isEqualTo(Verdict.UP);
      }
      assertThat(state.recent()).hasSizeLessThanOrEqualTo(CheckState.EVIDENCE_SIZE);
    }
  }
}

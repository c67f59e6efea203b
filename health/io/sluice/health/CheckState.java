package io.sluice.health;

import io.sluice.policies.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The status of one check seen from one vantage point: an immutable value that each result turns
 * into the next one.
 *
 * <p>The rule is HAProxy's: the status starts UNKNOWN; {@code fall} consecutive Downs make it DOWN
 * and {@code rise} consecutive Ups make it UP (from UNKNOWN as well). A result that agrees with the
 * current status clears the count towards the other one. An {@link ProbeOutcome.Inconclusive}
 * neither advances nor clears a count: the probe did not measure the backend, so it must not decide
 * anything, yet it must not hide the Downs around it either. It is kept as evidence. One kind does
 * clear the count: {@link InconclusiveCause#RESULTS_SHED}, which stands for results that were taken
 * but never counted, so the results on either side of it are not consecutive.
 *
 * <p>Starting UNKNOWN is the "hold" choice for a cold start: after a restart nothing is known until
 * {@code rise} or {@code fall} results have come in, so amnesia authorises neither a failover nor a
 * failback.
 *
 * <p>The status read at a given time is UNKNOWN when the last <em>conclusive</em> result is older
 * than the check's staleness limit: a check that has only been inconclusive for that long (a
 * lagging prober, a throttled cloud API) no longer knows, whatever it said before. The next result
 * then counts from UNKNOWN again, as after a start ({@link #next(ProbeResult, CheckThresholds,
 * Duration)}): a stale DOWN must not come back with the first Up after the gap, nor a stale UP with
 * the first Down.
 *
 * <p>Results delivered out of order (older than the newest one already seen) are ignored, so a late
 * probe cannot undo a newer one. Memory is bounded: only the last {@value #EVIDENCE_SIZE} results
 * are kept.
 */
public final class CheckState {
  public static final int EVIDENCE_SIZE = 10;

  private static final CheckState INITIAL =
      new CheckState(
          Verdict.UNKNOWN,
          Verdict.UNKNOWN,
          0,
          OptionalLong.empty(),
          OptionalLong.empty(),
          List.of());

  private final Verdict status;
  private final Verdict countingToward;
  private final int count;
  private final OptionalLong changedAtNanos;
  private final OptionalLong lastConclusiveNanos;
  private final List<ProbeResult> recent;

  private CheckState(
      Verdict status,
      Verdict countingToward,
      int count,
      OptionalLong changedAtNanos,
      OptionalLong lastConclusiveNanos,
      List<ProbeResult> recent) {
    this.status = status;
    this.countingToward = countingToward;
    this.count = count;
    this.changedAtNanos = changedAtNanos;
    this.lastConclusiveNanos = lastConclusiveNanos;
    this.recent = recent;
  }

  /** A check that has seen nothing yet: UNKNOWN. */
  public static CheckState initial() {
    return INITIAL;
  }

  /**
   * The state after {@code result}, counted with {@code thresholds}; when the last conclusive
   * result is more than {@code staleAfter} older than {@code result}, what the check said before is
   * forgotten and the count starts from UNKNOWN.
   */
  public CheckState next(ProbeResult result, CheckThresholds thresholds, Duration staleAfter) {
    Objects.requireNonNull(result, "result");
    return forgottenIfStaleAt(result.atNanos(), staleAfter).next(result, thresholds);
  }

  private CheckState forgottenIfStaleAt(long nowNanos, Duration staleAfter) {
    if (lastConclusiveNanos.isEmpty()
        || nowNanos - lastConclusiveNanos.getAsLong() <= staleAfter.toNanos()) {
      return this;
    }
    long unknownSince = lastConclusiveNanos.getAsLong() + staleAfter.toNanos();
    return new CheckState(
        Verdict.UNKNOWN,
        Verdict.UNKNOWN,
        0,
        status == Verdict.UNKNOWN ? changedAtNanos : OptionalLong.of(unknownSince),
        lastConclusiveNanos,
        recent);
  }

  /** The state after {@code result}, counted with {@code thresholds}, ignoring staleness. */
  public CheckState next(ProbeResult result, CheckThresholds thresholds) {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(thresholds, "thresholds");
    if (!recent.isEmpty() && result.atNanos() - recent.getLast().atNanos() < 0) {
      return this;
    }
    List<ProbeResult> evidence = withEvidence(result);
    return switch (result.outcome()) {
      case ProbeOutcome.Inconclusive shed when shed.cause() == InconclusiveCause.RESULTS_SHED ->
          new CheckState(status, Verdict.UNKNOWN, 0, changedAtNanos, lastConclusiveNanos, evidence);
      case ProbeOutcome.Inconclusive ignored ->
          new CheckState(
              status, countingToward, count, changedAtNanos, lastConclusiveNanos, evidence);
      case ProbeOutcome.Up ignored -> counted(Verdict.UP, thresholds.rise(), result, evidence);
      case ProbeOutcome.Down ignored -> counted(Verdict.DOWN, thresholds.fall(), result, evidence);
    };
  }

  private CheckState counted(
      Verdict toward, int needed, ProbeResult result, List<ProbeResult> evidence) {
    OptionalLong conclusiveAt = OptionalLong.of(result.atNanos());
    if (status == toward) {
      return new CheckState(status, Verdict.UNKNOWN, 0, changedAtNanos, conclusiveAt, evidence);
    }
    int reached = (countingToward == toward ? count : 0) + 1;
    if (reached >= needed) {
      return new CheckState(toward, Verdict.UNKNOWN, 0, conclusiveAt, conclusiveAt, evidence);
    }
    return new CheckState(status, toward, reached, changedAtNanos, conclusiveAt, evidence);
  }

  private List<ProbeResult> withEvidence(ProbeResult result) {
    List<ProbeResult> kept = new ArrayList<>(EVIDENCE_SIZE);
    kept.addAll(recent.subList(Math.max(0, recent.size() - (EVIDENCE_SIZE - 1)), recent.size()));
    kept.add(result);
    return List.copyOf(kept);
  }

  /**
   * The status at {@code nowNanos}: the counted status while the last conclusive result is at most
   * {@code staleAfter} old, UNKNOWN after that.
   */
  public Verdict statusAt(long nowNanos, Duration staleAfter) {
    if (lastConclusiveNanos.isEmpty()
        || nowNanos - lastConclusiveNanos.getAsLong() > staleAfter.toNanos()) {
      return Verdict.UNKNOWN;
    }
    return status;
  }

  /** The counted status, ignoring staleness. */
  public Verdict status() {
    return status;
  }

  /** The status the current count is heading for, or UNKNOWN when nothing is being counted. */
  public Verdict countingToward() {
    return countingToward;
  }

  /** How many consecutive conclusive results point to {@link #countingToward()}. */
  public int count() {
    return count;
  }

  /** When the status last changed (monotonic nanos); empty while it has never left UNKNOWN. */
  public OptionalLong changedAtNanos() {
    return changedAtNanos;
  }

  /** When the last Up or Down was taken (monotonic nanos). */
  public OptionalLong lastConclusiveNanos() {
    return lastConclusiveNanos;
  }

  /** The last results, oldest first, at most {@value #EVIDENCE_SIZE}. */
  public List<ProbeResult> recent() {
    return recent;
  }

  /** The newest result, if any. */
  public Optional<ProbeResult> last() {
    return recent.isEmpty() ? Optional.empty() : Optional.of(recent.getLast());
  }

  @Override
  public String toString() {
    return status + (count == 0 ? "" : " (" + count + " toward " + countingToward + ")");
  }
}

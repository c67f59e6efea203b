package io.sluice.controller.reconcile;

import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalEntry;
import io.sluice.policies.Backend;
import io.sluice.policies.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a route's cold start makes of the journal and the cloud's first read (reliability faults 6
 * and 7): where the policy starts, whether a change an earlier run left half done is to be
 * completed, and the audit entry for the writes that run made without answering for them.
 */
final class Restart {
  private Restart() {}

  /**
   * Where the policy starts.
   *
   * @param split the starting split
   * @param resume why the start is a change to complete at once, or empty for a start that holds
   */
  record Start(TrafficSplit split, Optional<String> resume) {}

  /**
   * A change the earlier run left half done (its pieces disagree, or one routes to nothing) starts
   * from that change's target, which is then completed at once; otherwise the start is what the
   * first readable piece routes; with nothing readable, the last journaled intent; with every piece
   * routing to nothing and no intent to say where it went, CVM (anything beats nothing).
   *
   * @return empty when nothing can be read and nothing was journaled: try again later
   */
  static Optional<Start> from(
      Optional<JournalEntry> unfinished, IntentJournal journal, String route, CloudView view) {
    Optional<TrafficSplit> intended =
        unfinished
            .filter(intent -> halfDone(intent, journal, view))
            .flatMap(intent -> parse(intent.field("desired")))
            .filter(desired -> !view.allAt(desired));
    if (intended.isPresent()) {
      JournalEntry intent = unfinished.get();
      return Optional.of(
          new Start(
              intended.get(),
              Optional.of(
                  "that the previous run left unfinished (its intent at "
                      + intent.at()
                      + ": "
                      + intent.field("reason")
                      + "); the cloud now routes "
                      + view.describe())));
    }
    Optional<TrafficSplit> read = view.firstKnownSplit();
    if (read.isPresent()) {
      return Optional.of(new Start(read.get(), Optional.empty()));
    }
    Optional<TrafficSplit> last =
        journal.lastIntent(route).flatMap(intent -> parse(intent.field("desired")));
    if (last.isPresent() && view.anyUnread()) {
      return Optional.of(
          new Start(
              last.get(),
              Optional.of("that was last journaled, since the cloud cannot be read to say more")));
    }
    if (view.anyEmpty() && !view.anyUnread()) {
      return Optional.of(new Start(TrafficSplit.allOn(Backend.CVM), Optional.empty()));
    }
    return Optional.empty();
  }

  /**
   * At a takeover: the change whose fenced intent an earlier leader left, when the cloud shows it
   * half done (its pieces disagree, one cannot be read or routes to nothing), is completed, as a
   * change the previous run left is ({@link #from}): toward backends seen UP only. A cloud that
   * reads whole and consistent decides by itself; the intent's write did not land, or all of them
   * did.
   */
  static Optional<Start> fromFenced(CarriedRecords.Intent intent, CloudView view) {
    if (intent.desired().isEmpty() || view.consistent() || view.allAt(intent.desired().get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Start(
            intent.desired().get(),
            Optional.of(
                "that the leader of epoch "
                    + intent.epoch()
                    + " left unfinished (its last intent: "
                    + intent.action()
                    + " "
                    + intent.target()
                    + " "
                    + intent.value()
                    + "); the cloud now routes "
                    + view.describe())));
  }

  /**
   * Whether the cloud shows the change half done: its pieces do not agree on one split (or cannot
   * be read, or one routes to nothing), and the earlier run had begun writing or left a piece with
   * nothing. A cloud that reads whole and consistent decides by itself, even when a write was
   * journaled: that write did not land, and repeating it blindly would be a decision made on old
   * verdicts.
   */
  private static boolean halfDone(JournalEntry intent, IntentJournal journal, CloudView view) {
    if (view.consistent()) {
      return false;
    }
    return !journal.writesAfter(intent).isEmpty() || view.anyEmpty() || view.anyUnread();
  }

  /**
   * The audit entry for a change an earlier run did not finish: each write it journaled, with the
   * RequestId it got or as unanswered (the run was killed between the write and its outcome).
   */
  static RouteChange interrupted(
      String service, String route, JournalEntry intent, IntentJournal journal, CloudView view) {
    List<RouteChange.Step> steps = new ArrayList<>();
    for (IntentJournal.JournaledWrite write : journal.writesAfter(intent)) {
      JournalEntry step = write.step();
      steps.add(
          new RouteChange.Step(
              step.field("action"),
              step.field("target"),
              write.done().map(d -> d.field("requestId")).orElse(""),
              write
                  .done()
                  .map(d -> d.field("outcome"))
                  .orElse("UNKNOWN: the run stopped before the cloud's answer")));
    }
    return new RouteChange(
        service,
        route,
        null,
        parse(intent.field("desired")).orElse(null),
        view.reportedSplit().orElse(null),
        intent.field("reason"),
        INTERRUPTED + ": the previous run stopped during this change",
        steps,
        0); // the journal does not say which epoch the earlier run led in
  }

  static final String INTERRUPTED = "INTERRUPTED";

  static Optional<TrafficSplit> parse(String split) {
    try {
      return Optional.of(TrafficSplit.parse(split));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

package io.sluice.policies;

/**
 * What an automation would like the split to be, before the shared guards (dwell, flap budget,
 * safety) have had their say.
 *
 * @param target the wanted split; equal to the current one to hold
 * @param phase the phase once the target is in force
 * @param waitingPhase the phase to report while a guard makes the move wait
 * @param reason why
 */
record Proposal(TrafficSplit target, Phase phase, Phase waitingPhase, Reason reason) {

  static Proposal hold(TrafficSplit current, Phase phase, Reason reason) {
    return new Proposal(current, phase, phase, reason);
  }
}

package io.sluice.policies;

/** What a policy keeps between decisions. Immutable. (Being filled in by the engine work.) */
public record PolicyState(Phase phase, TrafficSplit split) {
  public static PolicyState initial(TrafficSplit current) {
    return new PolicyState(Phase.WARMING, current);
  }
}

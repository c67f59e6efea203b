package io.sluice.nemesis;

/**
 * The faults the suite injects (issue 12, "A nemesis suite with real processes"), each one row or
 * more of the partition table in docs/ha.md. {@link NemesisRun} injects and heals them.
 */
enum Nemesis {
  /** SIGSTOP the leader until another replica leads (longer than the session timeout), SIGCONT. */
  PAUSE_LEADER,
  /** SIGKILL the leader; start it again once another replica leads. */
  KILL_LEADER,
  /** SIGKILL one ZooKeeper server that does not lead the ensemble; start it again later. */
  KILL_ZOOKEEPER_FOLLOWER,
  /** SIGKILL the server that leads the ensemble; start it again later. */
  KILL_ZOOKEEPER_LEADER,
  /**
   * SIGKILL two of the three ZooKeeper servers (the ensemble's leader among them) for longer than
   * the session timeout: nobody may lead or write until they are back.
   */
  LOSE_ZOOKEEPER_MAJORITY,
  /** Sever the leader's proxies to the ensemble until another replica leads, then heal them. */
  SEVER_LEADER,
  /** Sever a follower's proxies to the ensemble for longer than staleAfter, then heal them. */
  SEVER_FOLLOWER,
  /** Jump one replica's wall clock by ten minutes (either way), then set it right. */
  JUMP_CLOCK,
  /** Every cloud API call answers late while the leader is killed and another takes over. */
  SLOW_CLOUD_HANDOVER,
  /**
   * The leader's own probes of the CVM backend all fail (its network path), the others' pass: no
   * failover may follow; the instances stop only once it is healed.
   */
  BLIND_LEADER_VANTAGE;

  /** True when the fault deposes the leader, so a newer epoch must begin. */
  boolean deposesLeader() {
    return this == PAUSE_LEADER
        || this == KILL_LEADER
        || this == SEVER_LEADER
        || this == SLOW_CLOUD_HANDOVER;
  }

  /** True when the CVM instances stop only after the fault is healed, not around it. */
  boolean trafficAfterHeal() {
    return this == BLIND_LEADER_VANTAGE;
  }

  /**
   * True when no override can be acknowledged during the fault (the shared document is in
   * ZooKeeper): the run checks that one is refused, and sets its override after the heal.
   */
  boolean refusesOverrides() {
    return this == LOSE_ZOOKEEPER_MAJORITY;
  }

  /** True when it needs every replica on a {@link Faketime} clock. */
  boolean needsClocks() {
    return this == JUMP_CLOCK;
  }
}

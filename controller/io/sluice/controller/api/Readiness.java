package io.sluice.controller.api;

import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.Role;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /readyz} answers: ready once every route has read the cloud's routing (so its policy
 * has started) and every backend has at least one probe or signal result (so a verdict rests on
 * something). Changes escalated as "switched but not moved" are listed in the body but do not make
 * the daemon unready: it still reconciles, and a load balancer taking it out of rotation would help
 * no one.
 *
 * <p>In a replica group the body says the replica's role. The leader is ready on the same terms,
 * and while connected to the group; a follower reads the cloud for no write, so it is ready once
 * its probes have results and it is connected to the group (it answers reads and takes overrides).
 *
 * @param cloudRead every route has read the cloud's routing
 * @param silent "service/backend" for each backend no check has reported on yet
 * @param escalations "service/route: why" for each route whose change did not move traffic even
 *     after a retry
 * @param member where this replica stands in its group ({@link Member#SOLO} alone)
 */
public record Readiness(
    boolean cloudRead, List<String> silent, List<String> escalations, Member member) {
  /** Ready, with nothing escalated. */
  public static final Readiness READY = new Readiness(true, List.of(), List.of());

  /**
   * A replica's standing in its group, as readiness reports it.
   *
   * @param connected whether its session with the group (ZooKeeper) is connected now
   * @param epoch the epoch it leads in; following, the group's newest as last read (0 before)
   * @param leader the leader as last seen, when one is known
   */
  public record Member(Role role, boolean connected, long epoch, Optional<ReplicaInfo> leader) {
    public static final Member SOLO = new Member(Role.SOLO, true, 0, Optional.empty());

    public Member {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(leader, "leader");
    }

    /** {@code group}'s replica now, {@code connected} or not. */
    public static Member of(Group group, boolean connected) {
      Leadership leadership = group.leadership();
      Role role = leadership.role();
      long epoch = role == Role.LEADING ? leadership.epoch() : leadership.groupEpoch();
      return new Member(role, connected, epoch, leadership.leader());
    }

    String describe() {
      return switch (role) {
        case SOLO -> "solo";
        case LEADING -> "leader in epoch " + epoch;
        case FOLLOWING ->
            "follower"
                + leader
                    .map(l -> " of " + l.name() + " (" + l.api() + ")")
                    .orElse(", no leader known")
                + (epoch > 0 ? "; the group is in epoch " + epoch : "");
      };
    }
  }

  /** A daemon alone, as before replica groups. */
  public Readiness(boolean cloudRead, List<String> silent, List<String> escalations) {
    this(cloudRead, silent, escalations, Member.SOLO);
  }

  public Readiness {
    silent = List.copyOf(silent);
    escalations = List.copyOf(escalations);
    Objects.requireNonNull(member, "member");
  }

  public boolean ready() {
    return switch (member.role()) {
      case SOLO -> cloudRead && silent.isEmpty();
      case LEADING -> member.connected() && cloudRead && silent.isEmpty();
      case FOLLOWING -> member.connected() && silent.isEmpty();
    };
  }

  int status() {
    return ready() ? 200 : 503;
  }

  String body() {
    StringBuilder text = new StringBuilder();
    if (ready()) {
      text.append("ready\n");
    }
    if (member.role() != Role.SOLO) {
      text.append("role: ").append(member.describe()).append('\n');
      if (!member.connected()) {
        text.append("not connected to the group (ZooKeeper)\n");
      }
    }
    if (!cloudRead && member.role() != Role.FOLLOWING) {
      text.append("starting: reading the cloud's routing\n");
    }
    silent.forEach(b -> text.append("starting: no probe result yet for ").append(b).append('\n'));
    escalations.forEach(e -> text.append("escalated: ").append(e).append('\n'));
    return text.toString();
  }
}

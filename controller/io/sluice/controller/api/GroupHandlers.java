package io.sluice.controller.api;

import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.Role;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The replica group as the API shows it ({@code GET /v1/group}), and the guard in front of a write
 * only the leader can make. Every replica answers reads, and the writes that go through the group's
 * shared document (overrides, resumes) work on any replica; a write that makes the controller act
 * directly must reach the leader, so a follower answers it with a 409 naming the leader (its name
 * and API address) for the client to send it there, or a 503 while no leader is known.
 */
final class GroupHandlers {
  private final Group group;

  GroupHandlers(Group group) {
    this.group = group;
  }

  void group(RoutingContext ctx) {
    Leadership leadership = group.leadership();
    JsonObject body =
        new JsonObject()
            .put("replica", group.replica())
            .put("role", roleId(leadership.role()))
            .put("epoch", leadership.epoch())
            .put("groupEpoch", leadership.groupEpoch());
    leadership.leader().ifPresent(leader -> body.put("leader", json(leader)));
    JsonArray replicas = new JsonArray();
    group.replicas().forEach(r -> replicas.add(json(r)));
    ReadHandlers.json(ctx, body.put("replicas", replicas));
  }

  /** Lets the request through on a replica that acts (the leader, or a daemon alone). */
  Handler<RoutingContext> leaderOnly() {
    return ctx -> {
      Leadership leadership = group.leadership();
      if (leadership.role().acts()) {
        ctx.next();
      } else {
        if (leadership.leader().isEmpty()) {
          ctx.response().putHeader("Retry-After", "1");
        }
        ctx.fail(new ProblemException(notTheLeader(group.replica(), leadership.leader())));
      }
    };
  }

  /** 409 naming the leader, or 503 while none is known. */
  static Problem notTheLeader(String replica, Optional<ReplicaInfo> leader) {
    if (leader.isEmpty()) {
      return new Problem(
          503,
          "no leader",
          "replica "
              + replica
              + " follows, and no leader is known in the group now (an election may be under"
              + " way); this write needs the leader: try again shortly",
          null,
          "leader-only write");
    }
    ReplicaInfo l = leader.get();
    return new Problem(
        409,
        "not the leader",
        "replica "
            + replica
            + " follows; this write needs the leader, "
            + l.name()
            + " at "
            + l.api()
            + ": send it there",
        "leader",
        "leader-only write",
        new JsonObject().put("leader", json(l)));
  }

  static String roleId(Role role) {
    return switch (role) {
      case SOLO -> "solo";
      case LEADING -> "leader";
      case FOLLOWING -> "follower";
    };
  }

  private static JsonObject json(ReplicaInfo replica) {
    return new JsonObject().put("name", replica.name()).put("api", replica.api());
  }
}

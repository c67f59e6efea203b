package io.sluice.controller.ha;

import java.util.Objects;

/**
 * A replica as the group sees it, while its ZooKeeper session lives.
 *
 * @param name its {@code controller.ha.replica}, also its vantage point's name
 * @param api where its operator API answers (scheme, host and port), so that a follower can say
 *     where the leader is
 */
public record ReplicaInfo(String name, String api) {
  public ReplicaInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(api, "api");
  }
}

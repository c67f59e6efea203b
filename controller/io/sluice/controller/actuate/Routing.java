package io.sluice.controller.actuate;

import io.sluice.policies.TrafficSplit;
import java.util.Objects;

/**
 * A route's routing as read from the cloud.
 *
 * @param split the traffic split the cloud applies, as closely as its weights express it
 * @param detail what was read, for logs and the explain API, such as {@code shop.example.com: cvm
 *     record 1001 weight 100 ENABLE, scf record 1002 weight 0 DISABLE}
 * @param uniform false when the pieces of the route disagree (two record pairs with different
 *     weights, CVM targets with uneven weights): {@code split} is then the first piece's, and the
 *     reconciler applies the desired split even if it equals {@code split}, so the pieces converge
 */
public record Routing(TrafficSplit split, String detail, boolean uniform) {
  public Routing {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(detail, "detail");
  }
}

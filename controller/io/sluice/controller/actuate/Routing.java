package io.sluice.controller.actuate;

import io.sluice.policies.TrafficSplit;
import java.util.List;
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
 * @param parts the split of each part (each record pair of a dns-weight route; the one rule of a
 *     clb-rule route), first part first: what a write to the route changes from
 */
public record Routing(
    TrafficSplit split, String detail, boolean uniform, List<TrafficSplit> parts) {
  public Routing {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(detail, "detail");
    parts = List.copyOf(parts);
    if (parts.isEmpty() || !parts.getFirst().equals(split)) {
      throw new IllegalArgumentException(
          "parts: must start with the split " + split + ", got " + parts);
    }
  }

  /** A routing of one part. */
  public Routing(TrafficSplit split, String detail, boolean uniform) {
    this(split, detail, uniform, List.of(split));
  }
}

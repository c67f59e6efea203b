package io.sluice.controller.reconcile;

import io.sluice.controller.ha.FencedRecords;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.GroupTime;
import io.sluice.controller.ha.Leadership;
import io.sluice.controller.ha.SoloGroup;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What a route's reconciler needs of its replica group to act only while its replica leads: the
 * leadership (role, epoch, lease), the fenced records its intent and policy state go to, and the
 * group's clock the policy's timers are carried on.
 */
public record Acting(Leadership leadership, FencedRecords fenced, GroupTime time) {
  public Acting {
    Objects.requireNonNull(leadership, "leadership");
    Objects.requireNonNull(fenced, "fenced");
    Objects.requireNonNull(time, "time");
  }

  /** The group's own. */
  public static Acting of(Group group) {
    return new Acting(group.leadership(), group.fenced(), group.time());
  }

  /** A group of one, which always acts and fences nothing: the daemon without HA. */
  public static Acting solo(LongSupplier nanos) {
    return of(new SoloGroup("solo", nanos, Clock.systemUTC()));
  }
}

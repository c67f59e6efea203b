package io.sluice.controller.ha.zk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.Role;
import io.sluice.meters.MeterNames;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The replica group's meters ({@code sluice.ha.*}), read from the group when scraped. */
final class HaMeters {
  private final Counter fencedOut;
  private final Counter elections;

  HaMeters(
      MeterRegistry registry,
      Group group,
      ZkLeadership leadership,
      LongSupplier nanos,
      Supplier<ClockCheck.Judgement> clock) {
    Gauge.builder(MeterNames.HA_LEADER, leadership, l -> l.role() == Role.LEADING ? 1 : 0)
        .description("1 while this replica leads its group, else 0")
        .register(registry);
    Gauge.builder(MeterNames.HA_EPOCH, leadership, ZkLeadership::epoch)
        .description("the epoch this replica leads in; 0 while it follows")
        .register(registry);
    Gauge.builder(MeterNames.HA_CONNECTED, leadership, l -> l.connected() ? 1 : 0)
        .description("1 while the ZooKeeper connection is up, else 0")
        .register(registry);
    Gauge.builder(MeterNames.HA_LEASE, leadership, l -> l.actFor(nanos.getAsLong()).toNanos() / 1e9)
        .description("how long this replica may still act; 0 while following or suspended")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(MeterNames.HA_REPLICAS, group, g -> g.replicas().size())
        .description("the replicas whose ZooKeeper sessions live, this one included")
        .register(registry);
    Gauge.builder(MeterNames.HA_CLOCK_SKEW, clock, c -> c.get().skew().toMillis() / 1e3)
        .description(
            "this replica's wall clock against the group's (the median of the replicas' offsets"
                + " from ZooKeeper's clock); positive: ahead")
        .baseUnit("seconds")
        // the supplier is held by these gauges alone: a weak reference would be collected, and
        // the gauge read NaN
        .strongReference(true)
        .register(registry);
    Gauge.builder(MeterNames.HA_CLOCK_IN_STEP, clock, c -> c.get().inStep() ? 1 : 0)
        .description(
            "1 while this replica may run for leadership by its clock; 0 while most replicas'"
                + " clocks are more than a minute from its own")
        .strongReference(true)
        .register(registry);
    fencedOut =
        Counter.builder(MeterNames.HA_FENCED_OUT)
            .description("fenced writes refused: this replica no longer led in their epoch")
            .register(registry);
    elections =
        Counter.builder(MeterNames.HA_ELECTIONS)
            .description("leadership grants this replica took, each a new epoch")
            .register(registry);
  }

  void fencedOut() {
    fencedOut.increment();
  }

  void elected() {
    elections.increment();
  }
}

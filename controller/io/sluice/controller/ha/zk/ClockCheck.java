package io.sluice.controller.ha.zk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whose wall clock the group outvotes. Each replica's heartbeat carries its wall clock, and
 * ZooKeeper stamps the write with its own: their difference is that replica's offset from the
 * ensemble. A replica is out of step when more than half of the live replicas (itself counted) have
 * offsets further than {@code bound} from its own; one that is out of step must not lead, since
 * every cloud call it signs fails Tencent's five-minute signature window (reliability.md, fault 8).
 * Offsets are compared with each other, never with ZooKeeper's clock alone, so an ensemble whose
 * own clock is off benches nobody; and when every replica would be out of step (no two clocks
 * agree) none is, so that the group keeps a leader.
 *
 * @param bound how far apart two clocks may be and still agree
 */
record ClockCheck(Duration bound) {
  /**
   * The group's bound: well inside the signature window (five minutes) and far outside what NTP
   * leaves between synchronised hosts (milliseconds).
   */
  static final Duration BOUND = Duration.ofMinutes(1);

  /**
   * What the group's offsets say of one replica.
   *
   * @param inStep whether it may lead
   * @param skew its offset from the median offset (positive: its clock is ahead)
   * @param disagreeing the replicas whose clocks are further than the bound from its own
   */
  record Judgement(boolean inStep, Duration skew, List<String> disagreeing) {}

  /**
   * Judges {@code self} by the offsets (wall clock minus ZooKeeper's, in ms) of the live replicas;
   * a replica with no offset yet is in step with a skew of zero.
   */
  Judgement judge(String self, Map<String, Long> offsetsMillis) {
    Long own = offsetsMillis.get(self);
    if (own == null) {
      return new Judgement(true, Duration.ZERO, List.of());
    }
    Map<String, Long> offsets = new TreeMap<>(offsetsMillis);
    boolean anyInStep = offsets.keySet().stream().anyMatch(r -> !outvoted(r, offsets));
    List<String> disagreeing = disagreeing(self, offsets);
    return new Judgement(
        !anyInStep || !outvoted(self, offsets),
        Duration.ofMillis(own - median(offsets)),
        disagreeing);
  }

  private boolean outvoted(String replica, Map<String, Long> offsets) {
    return disagreeing(replica, offsets).size() * 2 > offsets.size();
  }

  private List<String> disagreeing(String replica, Map<String, Long> offsets) {
    long own = offsets.get(replica);
    List<String> apart = new ArrayList<>();
    offsets.forEach(
        (other, offset) -> {
          if (Math.abs(offset - own) > bound.toMillis()) {
            apart.add(other);
          }
        });
    return apart;
  }

  /** The median offset (of an even count, the lower middle one). */
  private static long median(Map<String, Long> offsets) {
    List<Long> sorted = offsets.values().stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }
}

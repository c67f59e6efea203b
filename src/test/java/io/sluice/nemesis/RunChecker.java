package io.sluice.nemesis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one nemesis run from its logs alone, so any run (in CI or in a 100-run soak) is judged the
 * same way: the sandbox's mutation log and routing history, the group's epoch history, the
 * overrides the replicas acknowledged and the world's final state. Pure: no clock, no I/O.
 *
 * <p>Times come from one machine's clock (the sandbox stamps writes and routing changes, the
 * ensemble stamps epochs), so they compare directly; {@code slack} absorbs their resolution (a
 * ZooKeeper ctime is in milliseconds), never a replica's own clock, which a nemesis may jump.
 */
final class RunChecker {
  private RunChecker() {}

  /**
   * Everything a run is judged on.
   *
   * @param epochs the grant history; empty for a single process (no group), which skips check (a)
   * @param emptyAllowed how long each resource may route to nothing because the plan says so (a
   *     resource absent here may not route to nothing at all)
   * @param expected for each resource, the targets that must carry its traffic at the end
   * @param convergeBy when the world must have reached {@code expected} (the last nemesis's end
   *     plus the bound)
   * @param end when the logs were read: the routing in force then lasts until {@code end}
   */
  record Run(
      List<CloudWrite> writes,
      List<EpochGrant> epochs,
      List<RoutingChange> routing,
      Map<String, Duration> emptyAllowed,
      List<AcknowledgedOverride> overrides,
      Map<String, String> finalOverrides,
      Map<String, Set<String>> expected,
      Instant convergeBy,
      Instant end,
      Duration slack) {
    Run {
      writes = List.copyOf(writes);
      epochs = List.copyOf(epochs);
      routing = List.copyOf(routing);
      emptyAllowed = Map.copyOf(emptyAllowed);
      overrides = List.copyOf(overrides);
      finalOverrides = Map.copyOf(finalOverrides);
      expected = Map.copyOf(expected);
      Objects.requireNonNull(convergeBy, "convergeBy");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(slack, "slack");
    }
  }

  /** Every violation of the run, (a) to (d) in that order; empty when the run kept its promises. */
  static List<Violation> check(Run run) {
    List<Violation> out = new ArrayList<>();
    out.addAll(writesAfterNewerEpoch(run.writes(), run.epochs(), run.slack()));
    out.addAll(routesNowhere(run.routing(), run.emptyAllowed(), run.end()));
    out.addAll(overridesLost(run.overrides(), run.finalOverrides(), run.end()));
    out.addAll(notConverged(run.routing(), run.expected(), run.convergeBy(), run.end()));
    return out;
  }

  /**
   * (a) No cloud write by a replica after a newer epoch than its own began. A replica's epoch at a
   * write is the newest it was granted by then; a write is a violation when an epoch newer than
   * that began more than {@code slack} before it, or when its replica held no epoch at all. The
   * lease makes this strict: a leader's every call ends before its lease could have expired, and no
   * newer epoch can begin before that (HA-DESIGN.md, "The lease").
   */
  static List<Violation> writesAfterNewerEpoch(
      List<CloudWrite> writes, List<EpochGrant> epochs, Duration slack) {
    if (epochs.isEmpty()) {
      return List.of();
    }
    List<EpochGrant> byEpoch =
        epochs.stream().sorted(Comparator.comparingLong(EpochGrant::epoch)).toList();
    List<Violation> out = new ArrayList<>();
    for (CloudWrite w : writes) {
      Instant late = w.time().plus(slack);
      Optional<EpochGrant> own =
          byEpoch.stream()
              .filter(g -> g.replica().equals(w.credential()) && !g.start().isAfter(late))
              .reduce((a, b) -> b);
      Instant early = w.time().minus(slack);
      List<EpochGrant> newer =
          byEpoch.stream()
              .filter(g -> own.isEmpty() || g.epoch() > own.get().epoch())
              .filter(g -> g.start().isBefore(early))
              .toList();
      if (own.isEmpty()) {
        out.add(
            new Violation(
                "write-after-newer-epoch",
                w.credential() + " wrote without holding any epoch",
                entries(w, newer)));
      } else if (!newer.isEmpty()) {
        out.add(
            new Violation(
                "write-after-newer-epoch",
                w.credential()
                    + " wrote in epoch "
                    + own.get().epoch()
                    + " after epoch "
                    + newer.getFirst().epoch()
                    + " began",
                entries(w, List.of(own.get(), newer.getFirst()))));
      }
    }
    return out;
  }

  /**
   * (b) No CLB rule or DNS name routes to nothing for longer than its plan allows (zero for a
   * resource the plan never empties). Each stretch counts on its own, from the change that emptied
   * the resource to the one that filled it again, or to {@code end}.
   */
  static List<Violation> routesNowhere(
      List<RoutingChange> routing, Map<String, Duration> allowed, Instant end) {
    List<Violation> out = new ArrayList<>();
    byResource(routing)
        .forEach(
            (resource, changes) -> {
              Duration limit = allowed.getOrDefault(resource, Duration.ZERO);
              for (int i = 0; i < changes.size(); i++) {
                RoutingChange c = changes.get(i);
                if (!c.routesNowhere()) {
                  continue;
                }
                int j = i;
                while (j + 1 < changes.size() && changes.get(j + 1).routesNowhere()) {
                  j++;
                }
                Optional<RoutingChange> refill =
                    j + 1 < changes.size() ? Optional.of(changes.get(j + 1)) : Optional.empty();
                Duration empty =
                    Duration.between(c.time(), refill.map(RoutingChange::time).orElse(end));
                if (empty.compareTo(limit) > 0) {
                  List<Object> shown = new ArrayList<>(changes.subList(i, j + 1));
                  refill.ifPresent(shown::add);
                  out.add(
                      new Violation(
                          "routes-nowhere",
                          resource
                              + " routed to nothing for "
                              + empty.toMillis()
                              + " ms"
                              + (refill.isEmpty() ? " (until the end of the run)" : "")
                              + ", the plan allows "
                              + limit.toMillis()
                              + " ms",
                          shown));
                }
                i = j;
              }
            });
    return out;
  }

  /**
   * (c) Every acknowledged override that had not expired by {@code at} is in force in the final
   * state, with the value it was acknowledged with.
   */
  static List<Violation> overridesLost(
      List<AcknowledgedOverride> acknowledged, Map<String, String> inForce, Instant at) {
    List<Violation> out = new ArrayList<>();
    for (AcknowledgedOverride o : acknowledged) {
      if (o.expiresAt().isPresent() && !o.expiresAt().get().isAfter(at)) {
        continue;
      }
      String now = inForce.get(o.key());
      if (!o.value().equals(now)) {
        out.add(
            new Violation(
                "override-lost",
                o.key()
                    + " was acknowledged as '"
                    + o.value()
                    + "' but is "
                    + (now == null ? "gone" : "'" + now + "'"),
                List.of(o)));
      }
    }
    return out;
  }

  /**
   * (d) Each expected resource carries traffic to exactly its expected targets from some moment no
   * later than {@code by} until {@code end}.
   */
  static List<Violation> notConverged(
      List<RoutingChange> routing, Map<String, Set<String>> expected, Instant by, Instant end) {
    Map<String, List<RoutingChange>> timelines = byResource(routing);
    List<Violation> out = new ArrayList<>();
    new java.util.TreeMap<>(expected)
        .forEach(
            (resource, targets) -> {
              List<RoutingChange> changes = timelines.getOrDefault(resource, List.of());
              if (changes.isEmpty()) {
                out.add(
                    new Violation(
                        "not-converged", resource + " never appeared in the routing", List.of()));
                return;
              }
              RoutingChange last = changes.getLast();
              if (!last.carrying().equals(targets)) {
                out.add(
                    new Violation(
                        "not-converged",
                        resource + " ends on " + last.carrying() + ", expected " + targets,
                        List.of(last)));
                return;
              }
              int first = changes.size() - 1;
              while (first > 0 && changes.get(first - 1).carrying().equals(targets)) {
                first--;
              }
              RoutingChange reached = changes.get(first);
              if (reached.time().isAfter(by)) {
                out.add(
                    new Violation(
                        "not-converged",
                        resource
                            + " reached "
                            + targets
                            + " only "
                            + Duration.between(by, reached.time()).toMillis()
                            + " ms after the bound",
                        List.of(reached)));
              }
            });
    return out;
  }

  private static Map<String, List<RoutingChange>> byResource(List<RoutingChange> routing) {
    Map<String, List<RoutingChange>> out = new LinkedHashMap<>();
    routing.stream()
        .sorted(Comparator.comparing(RoutingChange::time))
        .forEach(c -> out.computeIfAbsent(c.resource(), k -> new ArrayList<>()).add(c));
    return out;
  }

  private static List<Object> entries(CloudWrite write, List<EpochGrant> grants) {
    List<Object> out = new ArrayList<>();
    out.add(write);
    out.addAll(grants);
    return out;
  }
}

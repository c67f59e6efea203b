package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.actuate.Actuator;
import io.sluice.controller.actuate.clb.MemoryClb;
import io.sluice.controller.actuate.clb.MemoryHomeTargets;
import io.sluice.controller.actuate.dns.MemoryDns;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.journal.JournalEntry;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import io.sluice.testing.CloudWeather;
import io.sluice.testing.DemoConfig;
import io.sluice.testing.Mutation;
import io.sluice.testing.VirtualDisk;
import io.sluice.testing.VirtualTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The reconciler and both real actuators (a clb-rule on a CLB rule in memory, a dns-weight on a
 * DNSPod record pair in memory) driven through random verdicts, random cloud faults and random kill
 * -9s with a restart from the journal, on a virtual clock. Whatever happens:
 *
 * <ul>
 *   <li>no cloud write raises the share of a backend the verdicts said was DOWN when the change
 *       began, above what that piece gave it then (a piece that routed to nothing while both were
 *       DOWN excepted: anything beats nothing);
 *   <li>the record pair never resolves to nothing, and the rule routes to nothing only inside a
 *       plan's stated gap or, after a crash or a cloud fault left it so, for at most {@link
 *       #EMPTY_BOUND} once the process is up again and the cloud answers;
 *   <li>every write the cloud accepted is audited, by the run that made it or, when it was killed
 *       first, by the run after it (the journal and the audit trail share one ordered disk lane
 *       whose writes take a while, and a kill drops what it had not written);
 *   <li>once the faults and crashes are over and both backends stay UP, both pieces end where the
 *       policy wants them.
 * </ul>
 */
final class RouteReconcilerProperties {
  static final Duration EMPTY_BOUND = Duration.ofSeconds(10);

  /** How long a hung call takes to fail: the guard's call budget. */
  private static final Duration HANG_BUDGET = Duration.ofSeconds(15);

  private static final Duration RUN = Duration.ofMinutes(8);
  private static final Duration CALM = Duration.ofMinutes(4);
  private static final Instant WALL = Instant.parse("2026-12-07T08:00:00Z");

  @Property(tries = 150)
  void theSafetyThePolicyProvesHoldsForEveryPieceAndEveryWrite(
      @ForAll long seed, @ForAll boolean mixed, @ForAll boolean dnsFirst) throws Exception {
    Simulation sim = new Simulation(new SplittableRandom(seed), mixed, dnsFirst);
    try {
      sim.run();
      sim.check();
    } finally {
      sim.deleteState();
    }
  }

  /** One world, one scenario, and the process under test with its restarts. */
  private static final class Simulation {
    private final SplittableRandom random;
    private final boolean dnsFirst;
    private final boolean mixed;
    private final VirtualTime time;
    private final long origin;
    private final CloudWeather weather;
    private final MemoryClb clb;
    private final MemoryDns dns;
    private final MemoryHomeTargets homes = new MemoryHomeTargets();
    private final VirtualDisk disk;
    private final Path stateDir;
    private final RouteSettings route;
    private final List<Mutation> mutations = new ArrayList<>();
    private final List<RouteChange> audit = new ArrayList<>();
    private final Map<String, Long> intentOfWrite = new HashMap<>();
    private final Map<Long, Start> intents = new HashMap<>();
    private final List<Long> crashes = new ArrayList<>();
    private final List<Verdict[]> timeline = new ArrayList<>();
    private IntentJournal journal;
    private RouteReconciler reconciler;
    // the journal's last seq when this process started, and the changes it began since, in order
    private long baseSeq;
    private final List<Start> applies = new ArrayList<>();

    /** What a change began from: the verdicts it was decided on and each piece's shares. */
    private record Start(Verdict cvm, Verdict scf, Map<String, int[]> shares) {}

    Simulation(SplittableRandom random, boolean mixed, boolean dnsFirst) throws IOException {
      this.random = random;
      this.dnsFirst = dnsFirst;
      this.mixed = mixed;
      this.origin = random.nextBoolean() ? Long.MAX_VALUE - Duration.ofMinutes(3).toNanos() : -7;
      this.time = new VirtualTime(origin);
      this.disk = new VirtualDisk(time, random, Duration.ofMillis(random.nextInt(50)));
      this.weather = new CloudWeather(time);
      this.clb = new MemoryClb(time, weather, mixed, random, mutations::add, this::sent);
      this.dns = new MemoryDns(time, weather, random, mutations::add, this::sent);
      Path shm = Path.of("/dev/shm");
      this.stateDir =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "sluice-props")
              : Files.createTempDirectory("sluice-props");
      try {
        this.route = DemoConfig.route();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      plan();
    }

    /** Draws the verdicts per second, the fault windows and the crash moments. */
    private void plan() {
      long seconds = RUN.toSeconds();
      while (timeline.size() < seconds) {
        Verdict[] pair = verdicts();
        int length = 3 + random.nextInt(60);
        for (int i = 0; i < length && timeline.size() < seconds; i++) {
          timeline.add(pair);
        }
      }
      int windows = random.nextInt(4);
      for (int i = 0; i < windows; i++) {
        long from = origin + Duration.ofSeconds(5 + random.nextInt((int) seconds - 60)).toNanos();
        long until = from + Duration.ofSeconds(1 + random.nextInt(40)).toNanos();
        CloudWeather.Fault fault =
            CloudWeather.Fault.values()[1 + random.nextInt(CloudWeather.Fault.values().length - 1)];
        weather.add(from, until, fault);
      }
      int kills = random.nextInt(4);
      for (int i = 0; i < kills; i++) {
        crashes.add(
            origin
                + Duration.ofMillis(10_000 + random.nextInt((int) seconds * 1000 - 20_000))
                    .toNanos());
      }
      crashes.sort(Comparator.comparingLong(c -> c - origin));
    }

    private Verdict[] verdicts() {
      int roll = random.nextInt(100);
      if (roll < 40) {
        return new Verdict[] {Verdict.UP, Verdict.UP};
      } else if (roll < 65) {
        return new Verdict[] {Verdict.DOWN, Verdict.UP};
      } else if (roll < 75) {
        return new Verdict[] {Verdict.UP, Verdict.DOWN};
      } else if (roll < 80) {
        return new Verdict[] {Verdict.DOWN, Verdict.DOWN};
      } else if (roll < 90) {
        return new Verdict[] {Verdict.UNKNOWN, Verdict.UP};
      }
      return new Verdict[] {Verdict.UP, Verdict.UNKNOWN};
    }

    void run() throws IOException {
      startProcess();
      long seconds = RUN.plus(CALM).toSeconds();
      int nextCrash = 0;
      for (long second = 0; second < seconds; second++) {
        long tickAt = origin + Duration.ofSeconds(second).toNanos();
        while (nextCrash < crashes.size() && crashes.get(nextCrash) - tickAt <= 0) {
          time.advanceTo(crashes.get(nextCrash));
          kill();
          // the process comes back after a while; the cloud's tasks run on meanwhile
          time.advance(Duration.ofMillis(random.nextInt(5_000)));
          startProcess();
          nextCrash++;
        }
        if (time.nanos() - tickAt < 0) {
          time.advanceTo(tickAt);
        }
        Verdict[] verdicts =
            second < timeline.size()
                ? timeline.get((int) second)
                : new Verdict[] {Verdict.UP, Verdict.UP};
        boolean wasApplying = reconciler.stage() == ReconcileStage.APPLYING;
        reconciler.tick(
            new HealthSnapshot(
                verdicts[0], verdicts[1], second, java.util.OptionalDouble.empty(), WALL),
            Overrides.NONE);
        if (!wasApplying && reconciler.stage() == ReconcileStage.APPLYING) {
          // a change began in this tick: its intent reaches the journal a little later
          applies.add(
              new Start(
                  verdicts[0],
                  verdicts[1],
                  Map.of(MemoryClb.PIECE, clb.shares(), MemoryDns.PIECE, dns.shares())));
        }
      }
      time.advance(Duration.ofSeconds(30));
    }

    private void startProcess() throws IOException {
      disk.restart();
      journal = IntentJournal.open(stateDir, Clock.fixed(WALL, ZoneOffset.UTC), disk);
      List<Actuator> actuators =
          dnsFirst
              ? List.of(dns.actuator(), clb.actuator(homes))
              : List.of(clb.actuator(homes), dns.actuator());
      reconciler =
          new RouteReconciler(
              "shop", route, actuators, journal, new SimpleMeterRegistry(), false, time::nanos);
      // the audit trail is written on the same ordered disk lane as the journal, as in the daemon
      reconciler.auditTo(
          change ->
              disk.submit(
                  () -> {
                    audit.add(change);
                    return null;
                  }));
      baseSeq = journal.entries().stream().mapToLong(JournalEntry::seq).max().orElse(-1);
      applies.clear();
    }

    private void kill() {
      time.crash();
      try {
        journal.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private long lastIntentSeq() {
      return journal.entries().stream()
          .filter(e -> e.type() == JournalEntry.Type.INTENT)
          .mapToLong(JournalEntry::seq)
          .max()
          .orElse(-1);
    }

    /**
     * The cloud accepted a write: it belongs to the change in flight, whose intent is on disk (a
     * write waits for it), the k-th intent this process journaled for the k-th change it began.
     */
    private void sent(String requestId) {
      long seq = lastIntentSeq();
      intentOfWrite.put(requestId, seq);
      if (!intents.containsKey(seq)) {
        long k =
            journal.entries().stream()
                .filter(e -> e.type() == JournalEntry.Type.INTENT)
                .filter(e -> e.seq() > baseSeq && e.seq() < seq)
                .count();
        intents.put(seq, applies.get((int) k));
      }
    }

    void check() {
      neverRaisesADownBackend();
      neverRoutesNothingBeyondTheBound();
      everyAcceptedWriteIsAudited();
      endsWhereThePolicyWantsOnceCalm();
    }

    private void neverRaisesADownBackend() {
      for (Mutation m : mutations) {
        Long seq = intentOfWrite.get(m.requestId());
        Start start = seq == null ? null : intents.get(seq);
        assertThat(start).as("write %s belongs to a journaled change", m.requestId()).isNotNull();
        int[] from = start.shares().get(m.piece());
        boolean bothDown = start.cvm() == Verdict.DOWN && start.scf() == Verdict.DOWN;
        if (from[0] + from[1] == 0 && bothDown) {
          continue;
        }
        Verdict[] verdicts = {start.cvm(), start.scf()};
        for (Backend backend : Backend.values()) {
          int i = backend == Backend.CVM ? 0 : 1;
          if (verdicts[i] == Verdict.DOWN) {
            assertThat(m.after()[i])
                .as(
                    "%s %s on %s at +%d ms raised DOWN %s above the %d%% it had when the change"
                        + " began",
                    m.action(),
                    m.requestId(),
                    m.piece(),
                    (m.at() - origin) / 1_000_000,
                    backend,
                    from[i])
                .isLessThanOrEqualTo(from[i]);
          }
        }
      }
    }

    private void neverRoutesNothingBeyondTheBound() {
      assertThat(mutations)
          .filteredOn(m -> m.piece().equals(MemoryDns.PIECE))
          .as("the record pair never resolves to nothing")
          .noneMatch(Mutation::routesNothing);
      long emptySince = clb.routesNothing() ? origin : Long.MIN_VALUE;
      boolean empty = false;
      List<long[]> episodes = new ArrayList<>();
      for (Mutation m : mutations) {
        if (!m.piece().equals(MemoryClb.PIECE)) {
          continue;
        }
        if (m.routesNothing() && !empty) {
          empty = true;
          emptySince = m.at();
        } else if (!m.routesNothing() && empty) {
          empty = false;
          episodes.add(new long[] {emptySince, m.at()});
        }
      }
      assertThat(empty).as("the rule routes to something in the end: %s", clb.describe()).isFalse();
      for (long[] episode : episodes) {
        long allowedFrom = episode[0];
        for (long crash : crashes) {
          if (crash - episode[1] < 0 && crash - allowedFrom > 0) {
            allowedFrom = crash;
          }
        }
        long settled = weather.settledBefore(episode[1], HANG_BUDGET, allowedFrom);
        if (settled - allowedFrom > 0) {
          allowedFrom = settled;
        }
        assertThat(Duration.ofNanos(episode[1] - allowedFrom))
            .as(
                "the rule routed nothing from +%d ms to +%d ms",
                (episode[0] - origin) / 1_000_000, (episode[1] - origin) / 1_000_000)
            .isLessThanOrEqualTo(EMPTY_BOUND.plus(Duration.ofSeconds(5)));
      }
    }

    private void everyAcceptedWriteIsAudited() {
      Map<String, Integer> audited = new HashMap<>();
      Map<String, Integer> unanswered = new HashMap<>();
      for (RouteChange change : audit) {
        for (RouteChange.Step step : change.steps()) {
          if (!step.requestId().isEmpty()) {
            audited.merge(step.requestId(), 1, Integer::sum);
          } else {
            unanswered.merge(step.action(), 1, Integer::sum);
          }
        }
      }
      for (Mutation m : mutations) {
        if (audited.containsKey(m.requestId())) {
          continue;
        }
        // the answer was lost (a fault or a kill): audited as a write of that action without one
        Integer left = unanswered.get(m.action());
        assertThat(left)
            .as("%s %s, accepted by the cloud, is in the audit trail", m.action(), m.requestId())
            .isNotNull()
            .isPositive();
        unanswered.put(m.action(), left - 1);
      }
    }

    /**
     * After the calm, both pieces are where the policy wants them (the flap budget may have frozen
     * the route on SCF, and a rule that cannot hold both kinds holds the whole split nearest a
     * step).
     */
    private void endsWhereThePolicyWantsOnceCalm() {
      TrafficSplit desired = reconciler.state().orElseThrow().split();
      assertThat(dns.shares())
          .as("the records: %s", dns.describe())
          .containsExactly(desired.cvm(), desired.scf());
      int[] rule = clb.shares();
      // beside DNS weights a rule that holds one kind forwards to CVM whenever CVM has a share
      int[] held =
          mixed
              ? new int[] {desired.cvm(), desired.scf()}
              : desired.cvm() > 0 ? new int[] {100, 0} : new int[] {0, 100};
      assertThat(rule).as("the rule %s for %s", clb.describe(), desired).containsExactly(held);
    }

    void deleteState() throws IOException {
      journal.close();
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

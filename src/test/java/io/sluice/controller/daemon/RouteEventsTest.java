package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.config.ConfigLoader;
import io.sluice.controller.config.NotificationsConfig.Event;
import io.sluice.controller.config.NotificationsConfig.Severity;
import io.sluice.controller.config.RouteSettings;
import io.sluice.controller.journal.IntentJournal;
import io.sluice.controller.notify.Notification;
import io.sluice.controller.reconcile.FakeActuator;
import io.sluice.controller.reconcile.RouteReconciler;
import io.sluice.policies.Backend;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.sluice.policies.Phase;
import io.sluice.policies.TrafficSplit;
import io.sluice.policies.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failover tells the webhooks, on a fake clock with an in-memory actuator whose first write
 * ends unknown: the phases, the failed change (critical) and the change that moved traffic.
 */
final class RouteEventsTest {
  private static final Instant WALL = Instant.parse("2026-11-24T08:00:00Z");
  private static final TrafficSplit ON_CVM = TrafficSplit.allOn(Backend.CVM);

  @TempDir Path stateDir;
  private long nanos = Long.MAX_VALUE - Duration.ofMinutes(5).toNanos();

  @Test
  void aFailoverTellsItsPhasesItsFailedWriteAndItsTrafficChange() throws Exception {
    RouteSettings route =
        new ConfigLoader(name -> null)
            .parse("sandbox-demo.yaml", Files.readString(Path.of("examples", "sandbox-demo.yaml")))
            .services()
            .getFirst()
            .routes(false)
            .getFirst();
    FakeActuator cloud = new FakeActuator(ON_CVM);
    cloud.applyFailures.add(FakeActuator.unknown("InternalError"));
    List<Notification> told = new ArrayList<>();
    RouteEvents events = new RouteEvents(told::add);
    try (IntentJournal journal = IntentJournal.open(stateDir, Clock.fixed(WALL, ZoneOffset.UTC))) {
      RouteReconciler reconciler =
          new RouteReconciler(
              "demo",
              route,
              List.of(cloud),
              journal,
              new SimpleMeterRegistry(),
              false,
              () -> nanos);
      tick(reconciler, events, 5, Verdict.UP);
      tick(reconciler, events, 20, Verdict.DOWN);
    }

    assertThat(told)
        .extracting(n -> n.event() + " " + n.severity() + " " + n.before() + " -> " + n.after())
        .containsExactly(
            "PHASE INFO WARMING -> NORMAL",
            "PHASE WARNING NORMAL -> CONFIRMING",
            "PHASE WARNING CONFIRMING -> FAILED_OVER",
            "ACTUATION CRITICAL cvm=100,scf=0 -> cvm=0,scf=100",
            "TRAFFIC WARNING cvm=100,scf=0 -> cvm=0,scf=100");
    assertThat(told.get(3).reason()).contains("UNKNOWN: InternalError");
    assertThat(told.getLast().reason()).startsWith("failover");
    assertThat(told).allSatisfy(n -> assertThat(n.service()).isEqualTo("demo"));
    assertThat(told).extracting(Notification::event).doesNotContain(Event.OVERRIDE);
    assertThat(RouteEvents.severity(Phase.FROZEN)).isEqualTo(Severity.CRITICAL);
  }

  private void tick(RouteReconciler reconciler, RouteEvents events, int seconds, Verdict cvm) {
    for (int i = 0; i < seconds; i++) {
      reconciler.tick(
          new HealthSnapshot(cvm, Verdict.UP, i, OptionalDouble.empty(), WALL), Overrides.NONE);
      events.follow(reconciler, WALL);
      nanos += Duration.ofSeconds(1).toNanos();
    }
  }
}

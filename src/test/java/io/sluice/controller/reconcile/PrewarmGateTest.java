package io.sluice.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cloud.FunctionRef;
import io.sluice.controller.actuate.StepLog;
import io.sluice.controller.actuate.scf.PrewarmOutcome;
import io.sluice.controller.actuate.scf.PrewarmTarget;
import io.sluice.policies.ColdRamp;
import io.sluice.policies.Decision;
import io.sluice.policies.Phase;
import io.sluice.policies.Reason;
import io.sluice.policies.SideAction;
import io.sluice.policies.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-warm gate's cloud work, one Put or Delete after another. */
final class PrewarmGateTest {
  private static final FunctionRef FUNCTION = new FunctionRef("default", "fallback", "2");
  private final FakePrewarmer prewarmer = new FakePrewarmer();
  private final PrewarmGate gate =
      new PrewarmGate(
          "svc/route",
          new PrewarmTarget(prewarmer, FUNCTION, 3, Duration.ofSeconds(30)),
          new ColdRamp(List.of(50, 100), Duration.ofSeconds(10)),
          StepLog.NONE,
          new RouteMeters(new SimpleMeterRegistry(), "svc", "route"));

  private static Decision holding(SideAction action) {
    return new Decision.Hold(
        TrafficSplit.allOn(io.sluice.policies.Backend.CVM),
        Phase.NORMAL,
        Reason.of("test", "a side action"),
        List.of(action),
        false);
  }

  @Test
  void aReleaseWaitsForThePutInFlightSoItCannotBeOvertaken() {
    gate.onDecision(holding(new SideAction.PrewarmScf()), 0);
    assertThat(prewarmer.prewarms).hasSize(1);

    gate.onDecision(holding(new SideAction.ReleasePrewarm()), 1);
    assertThat(prewarmer.releases).as("not while the Put is in flight").isEmpty();

    prewarmer.answer(PrewarmOutcome.Result.READY, "status Done, 3/3");
    assertThat(prewarmer.releases).containsExactly(FUNCTION);
    assertThat(gate.status().state()).isEqualTo(PrewarmStatus.State.IDLE);
  }
}

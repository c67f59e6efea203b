package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short sample of the issue-13 harnesses in bench/, so that they keep working: one failover
 * through HAProxy and one through Sluice (both with a 200 ms fast interval), and one planned switch
 * each way with mixed clb-rule targets, without them, and with dns-weight. Times are printed, never
 * asserted (BENCHMARKS.md holds the measured figures); what is asserted is what must hold at any
 * speed: SCF answered in each, and a make-before-break or DNS switch fails no request.
 */
final class FailoverVsHaproxyIT {
  @TempDir Path dir;

  @Test
  void bothFrontDoorsFailOverToScfAndTheTableNamesBoth() throws Exception {
    List<FailoverVsHaproxy.Variant> fast =
        FailoverVsHaproxy.variants(Duration.ZERO).stream()
            .filter(v -> v.name().contains("fast"))
            .toList();

    Map<String, List<FailoverVsHaproxy.Outcome>> results = FailoverVsHaproxy.measure(fast, 1);

    assertThat(results).hasSize(2);
    assertThat(results.values())
        .allSatisfy(
            outcomes ->
                assertThat(outcomes)
                    .singleElement()
                    .satisfies(o -> assertThat(o.total()).isPositive()));
    assertThat(FailoverVsHaproxy.table(results, Duration.ZERO))
        .contains("haproxy inter 1s fall 3 fastinter 200ms")
        .contains("sluice interval 1s fall 3 fastInterval 200ms")
        .contains("sluice / haproxy, median:");
  }

  @Test
  void aMakeBeforeBreakSwitchFailsNoRequestEitherWay() throws Exception {
    SwitchRun.Result switched = SwitchRun.run(Duration.ZERO, SwitchRun.Kind.CLB_MIXED, dir);

    assertThat(switched.failedToScf()).isZero();
    assertThat(switched.failedBack()).isZero();
    assertThat(switched.unrouted()).isZero();
  }

  @Test
  void aDnsWeightSwitchFailsNoRequestEitherWay() throws Exception {
    SwitchRun.Result switched = SwitchRun.run(Duration.ZERO, SwitchRun.Kind.DNS_WEIGHT, dir);

    assertThat(switched.failedToScf()).isZero();
    assertThat(switched.failedBack()).isZero();
  }

  @Test
  void aSwitchWithoutMixedTargetsReportsItsGap() throws Exception {
    Duration task = Duration.ofMillis(300);
    SwitchRun.Result switched = SwitchRun.run(task, SwitchRun.Kind.CLB_ONE_KIND, dir);

    // the rule routes nothing for at least the register task: the sandbox applies it at its end
    // (300 ms each way, so even a client starved for a while, asking every 10 ms, sees some of it)
    assertThat(switched.unrouted()).isGreaterThanOrEqualTo(task.multipliedBy(2));
    assertThat(switched.failedToScf() + switched.failedBack()).isPositive();
  }
}

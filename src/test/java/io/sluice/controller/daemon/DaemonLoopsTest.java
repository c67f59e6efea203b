package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.health.monitor.HealthMonitor;
import org.junit.jupiter.api.Test;

/**
 * The daemon's Vert.x has an event loop for every probe lane and one more, so that the deciding
 * context's loop is nobody's lane (ProbeLanesIT and LaneContextsTest show the lanes avoid it).
 */
final class DaemonLoopsTest {

  @Test
  void hasALoopForEveryProbeLaneAndOneForDeciding() {
    assertThat(Daemon.vertxOptions().getEventLoopPoolSize())
        .isGreaterThanOrEqualTo(HealthMonitor.probeLanes() + 1);
  }
}

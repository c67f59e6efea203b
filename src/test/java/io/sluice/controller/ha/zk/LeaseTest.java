package io.sluice.controller.ha.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lease arithmetic: last answered send time + session timeout - margin, on odd origins. */
final class LeaseTest {
  // near the wrap of a long, so that a comparison by value instead of by difference fails
  private static final long T0 = Long.MAX_VALUE - Duration.ofSeconds(3).toNanos();
  private static final Duration SESSION = Duration.ofSeconds(10);

  private final Lease lease = new Lease();

  @Test
  void runsTheSessionTimeoutLessTheMarginFromTheSendTime() {
    lease.confirmed(T0, SESSION);

    assertThat(lease.remaining(T0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(lease.remaining(T0 + Duration.ofSeconds(5).toNanos()))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(lease.remaining(T0 + Duration.ofSeconds(8).toNanos())).isZero();
    assertThat(lease.remaining(T0 + Duration.ofSeconds(9).toNanos())).isZero();
  }

  @Test
  void theMarginIsAFifthOfTheTimeoutAndAtLeastASecond() {
    assertThat(Lease.margin(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(6));
    assertThat(Lease.margin(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(2));
    assertThat(Lease.margin(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anAnswerToAnOlderRequestDoesNotMoveTheLeaseBack() {
    lease.confirmed(T0 + Duration.ofSeconds(4).toNanos(), SESSION);
    lease.confirmed(T0 + Duration.ofSeconds(1).toNanos(), SESSION);

    assertThat(lease.remaining(T0 + Duration.ofSeconds(4).toNanos()))
        .isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void nothingIsLeftBeforeAConfirmationOrAfterTheSessionIsForgotten() {
    assertThat(lease.remaining(T0)).isZero();

    lease.confirmed(T0, SESSION);
    lease.forget();

    assertThat(lease.remaining(T0)).isZero();
  }

  @Test
  void aShorterNegotiatedTimeoutShortensTheLease() {
    lease.confirmed(T0, Duration.ofSeconds(4));

    assertThat(lease.remaining(T0)).isEqualTo(Duration.ofSeconds(3));
  }
}

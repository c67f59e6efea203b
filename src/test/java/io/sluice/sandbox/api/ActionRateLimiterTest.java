package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Fixed one-second windows per credential and action. */
final class ActionRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(-1_234_567_891L));
  private final ActionRateLimiter limiter = new ActionRateLimiter(clock);

  @Test
  void callPastTheLimitInOneSecondIsRefused() {
    limiter.acquire("a", "dnspod", "ModifyRecordStatus", 2);
    limiter.acquire("a", "dnspod", "ModifyRecordStatus", 2);

    assertThatThrownBy(() -> limiter.acquire("a", "dnspod", "ModifyRecordStatus", 2))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .isEqualTo("RequestLimitExceeded"));
  }

  @Test
  void eachCredentialAndActionHasItsOwnBudget() {
    limiter.acquire("a", "dnspod", "ModifyRecordStatus", 1);

    assertThatCode(() -> limiter.acquire("b", "dnspod", "ModifyRecordStatus", 1))
        .doesNotThrowAnyException();
    assertThatCode(() -> limiter.acquire("a", "dnspod", "ModifyRecord", 1))
        .doesNotThrowAnyException();
  }

  @Test
  void theNextSecondStartsAFreshWindow() {
    limiter.acquire("a", "dnspod", "ModifyRecordStatus", 1);

    clock.advance(Duration.ofSeconds(1));

    assertThatCode(() -> limiter.acquire("a", "dnspod", "ModifyRecordStatus", 1))
        .doesNotThrowAnyException();
  }
}

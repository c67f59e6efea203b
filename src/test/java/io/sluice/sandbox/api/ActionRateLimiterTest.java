package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testing.MutableNanos;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fixed one-second windows per credential and action, on a monotonic clock that wraps past {@link
 * Long#MAX_VALUE} during the tests.
 */
final class ActionRateLimiterTest {
  private final MutableNanos clock = new MutableNanos(Long.MAX_VALUE - 500_000_000L);
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

  /**
   * A window is one second from its first call, however the clock's value lies: here it wraps past
   * {@link Long#MAX_VALUE} half a second in.
   */
  @Test
  void aWindowLastsOneSecondAcrossTheClocksWrap() {
    limiter.acquire("a", "dnspod", "ModifyRecordStatus", 1);

    clock.advance(Duration.ofMillis(999));
    assertThatThrownBy(() -> limiter.acquire("a", "dnspod", "ModifyRecordStatus", 1))
        .isInstanceOf(ApiException.class);
    clock.advance(Duration.ofMillis(1));

    assertThatCode(() -> limiter.acquire("a", "dnspod", "ModifyRecordStatus", 1))
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

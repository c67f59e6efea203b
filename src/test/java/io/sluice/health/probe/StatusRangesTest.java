package io.sluice.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statuses a probe accepts, read as the config writes them and checked as the prober does. */
final class StatusRangesTest {

  @Test
  void containsCodesInItsRangesAndSingleCodes() {
    StatusRanges set = StatusRanges.parse("200-299,301");

    assertThat(set.contains(200)).isTrue();
    assertThat(set.contains(299)).isTrue();
    assertThat(set.contains(301)).isTrue();
    assertThat(set.contains(300)).isFalse();
    assertThat(set.contains(199)).isFalse();
  }

  @Test
  void toleratesSpacesAndWritesItselfBackCompactly() {
    assertThat(StatusRanges.parse(" 200 - 204 , 418 ").toString()).isEqualTo("200-204,418");
  }

  @Test
  void readsTheSameValueTheProberIsBuiltWith() {
    assertThat(StatusRanges.parse("200-399")).isEqualTo(StatusRanges.SUCCESS_OR_REDIRECT);
    assertThat(StatusRanges.parse("418")).isEqualTo(StatusRanges.only(418));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2xx", "200-", "299-200", "99", "200,,300", "200-250-300", "600"})
  void rejectsWhatIsNotACodeOrAnOrderedRange(String text) {
    assertThatThrownBy(() -> StatusRanges.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}

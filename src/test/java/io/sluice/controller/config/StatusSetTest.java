package io.sluice.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class StatusSetTest {

  @Test
  void containsCodesInItsRangesAndSingleCodes() {
    StatusSet set = StatusSet.parse("200-299,301");

    assertThat(set.contains(200)).isTrue();
    assertThat(set.contains(299)).isTrue();
    assertThat(set.contains(301)).isTrue();
    assertThat(set.contains(300)).isFalse();
    assertThat(set.contains(199)).isFalse();
  }

  @Test
  void toleratesSpacesAndWritesItselfBackCompactly() {
    assertThat(StatusSet.parse(" 200 - 204 , 418 ").toString()).isEqualTo("200-204,418");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2xx", "200-", "299-200", "99", "200,,300", "200-250-300", "600"})
  void rejectsWhatIsNotACodeOrAnOrderedRange(String text) {
    assertThatThrownBy(() -> StatusSet.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}

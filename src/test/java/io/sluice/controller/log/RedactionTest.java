package io.sluice.controller.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RedactionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Authorization: Bearer abc.DEF-123|Authorization: Bearer [redacted]",
        "token sluice_4m3Zx9q0AbCdEfGhIjKlMn given|token sluice_[redacted] given",
        "SecretId AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE used|SecretId AKID[redacted] used",
        "secretKey=Gu5t9xGARNpq86cd98joQYCN3EXAMPLE rest|secretKey=[redacted] rest",
        "{\"SecretKey\": \"abc\", \"x\": 1}|{\"SecretKey\": \"[redacted]\", \"x\": 1}",
        "password: hunter2|password: [redacted]",
        "moving shop to cvm=100,scf=0: failback-step|moving shop to cvm=100,scf=0: failback-step",
        "tokens: 3 configured|tokens: 3 configured",
      })
  void masksWhatLooksLikeASecretAndNothingElse(String line, String logged) {
    assertThat(Redaction.redact(line)).isEqualTo(logged);
  }
}

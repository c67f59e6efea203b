package io.sluice.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The documented TC3 test vector (reference §1.3), checked at each intermediate value. */
final class Tc3SignerTest {
  private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
  private static final byte[] BODY =
      ("{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"],"
              + " \"Name\": \"instance-name\"}]}")
          .getBytes(StandardCharsets.UTF_8);

  private static Tc3Input documentedInput() {
    return Tc3Input.of(
        "cvm", 1551113065L, "cvm.tencentcloudapi.com", "application/json; charset=utf-8", BODY);
  }

  @Test
  void payloadHashMatchesTheDocumentedVector() {
    assertThat(documentedInput().payloadHash())
        .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  }

  @Test
  void canonicalRequestHashMatchesTheDocumentedVector() {
    assertThat(Tc3Signer.sha256Hex(Tc3Signer.canonicalRequest(documentedInput())))
        .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  }

  @Test
  void signatureMatchesTheDocumentedVector() {
    assertThat(Tc3Signer.sign(SECRET_KEY, documentedInput()))
        .isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  }

  @Test
  void scopeDateIsTheUtcDateOfTheTimestamp() {
    assertThat(documentedInput().credentialScope()).isEqualTo("2019-02-25/cvm/tc3_request");
  }

  @Test
  void authorizationHeaderParsesBackToItsParts() {
    String header = Tc3Signer.authorization("AKIDEXAMPLE", SECRET_KEY, documentedInput());

    Tc3Authorization parsed = Tc3Authorization.parse(header);

    assertThat(parsed.secretId()).isEqualTo("AKIDEXAMPLE");
    assertThat(parsed.date()).isEqualTo("2019-02-25");
    assertThat(parsed.service()).isEqualTo("cvm");
    assertThat(parsed.signedHeaders()).containsExactly("content-type", "host");
    assertThat(parsed.signature())
        .isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  }

  @Test
  void oneChangedBodyByteBreaksTheSignature() {
    byte[] tampered = BODY.clone();
    tampered[10] ^= 1;
    Tc3Input changed =
        Tc3Input.of(
            "cvm",
            1551113065L,
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            tampered);

    assertThat(
            Tc3Signer.verify(
                SECRET_KEY,
                changed,
                "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"))
        .isFalse();
  }
}

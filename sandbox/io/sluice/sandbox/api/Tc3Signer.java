package io.sluice.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TC3-HMAC-SHA256, the signature of Tencent Cloud API 3.0, in both directions: the server verifies
 * with it and tests sign their hand-built requests with it. It follows the published algorithm
 * (reference §1.3) step by step, so the documented test vector checks each intermediate value. Only
 * {@code POST /} is signed: the SDK never uses GET and the sandbox does not accept it.
 */
public final class Tc3Signer {
  public static final String ALGORITHM = "TC3-HMAC-SHA256";

  /** The payload marker a client sends in {@code X-TC-Content-SHA256} to leave the body out. */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private Tc3Signer() {}

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Method, URI, empty query, canonical headers, signed header names, payload hash. */
  public static String canonicalRequest(Tc3Input input) {
    StringBuilder headers = new StringBuilder();
    for (Map.Entry<String, String> h : input.signedHeaders().entrySet()) {
      headers.append(h.getKey()).append(':').append(canonicalValue(h.getValue())).append('\n');
    }
    return String.join(
        "\n", "POST", "/", "", headers.toString(), signedHeaderNames(input), input.payloadHash());
  }

  public static String stringToSign(Tc3Input input) {
    return String.join(
        "\n",
        ALGORITHM,
        Long.toString(input.timestamp()),
        input.credentialScope(),
        sha256Hex(canonicalRequest(input)));
  }

  /** The lower-case hex signature of the input under the secret key. */
  public static String sign(String secretKey, Tc3Input input) {
    byte[] date = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), input.date());
    byte[] service = hmac(date, input.service());
    byte[] signing = hmac(service, "tc3_request");
    return HexFormat.of().formatHex(hmac(signing, stringToSign(input)));
  }

  /** The whole {@code Authorization} header value, formatted as the SDK formats it. */
  public static String authorization(String secretId, String secretKey, Tc3Input input) {
    return ALGORITHM
        + " Credential="
        + secretId
        + "/"
        + input.credentialScope()
        + ", SignedHeaders="
        + signedHeaderNames(input)
        + ", Signature="
        + sign(secretKey, input);
  }

  /** True when the signature is the one the key gives; compared in constant time. */
  public static boolean verify(String secretKey, Tc3Input input, String signature) {
    return MessageDigest.isEqual(
        sign(secretKey, input).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String signedHeaderNames(Tc3Input input) {
    return String.join(";", input.signedHeaders().keySet());
  }

  private static String canonicalValue(String value) {
    return value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
    }
  }
}

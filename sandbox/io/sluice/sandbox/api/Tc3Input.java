package io.sluice.sandbox.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What TC3-HMAC-SHA256 signs of one request: the credential scope (date and service), the
 * timestamp, the signed headers and the payload hash. The verifier builds it from what arrived;
 * tests build it to sign their own requests.
 *
 * @param date the scope date, {@code yyyy-MM-dd}; the signer derives it from the timestamp in UTC
 * @param service the scope service; with an IP endpoint the SDK signs {@code 127}, so it is taken
 *     from the request, never assumed
 * @param timestamp {@code X-TC-Timestamp}, Unix seconds
 * @param signedHeaders lower-case header names to the values as received (the signer lower-cases
 *     and trims them); sorted by name, as the canonical form wants
 * @param payloadHash lower-case hex SHA-256 of the raw body, or of {@code UNSIGNED-PAYLOAD}
 */
public record Tc3Input(
    String date,
    String service,
    long timestamp,
    SortedMap<String, String> signedHeaders,
    String payloadHash) {
  private static final DateTimeFormatter UTC_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  public Tc3Input {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(payloadHash, "payloadHash");
    signedHeaders = new TreeMap<>(signedHeaders);
  }

  /** The input the Java SDK signs: headers {@code content-type} and {@code host}, body hashed. */
  public static Tc3Input of(
      String service, long timestamp, String host, String contentType, byte[] body) {
    return new Tc3Input(
        utcDate(timestamp),
        service,
        timestamp,
        new TreeMap<>(Map.of("content-type", contentType, "host", host)),
        Tc3Signer.sha256Hex(body));
  }

  /** The UTC date of a Unix timestamp, as the credential scope spells it. */
  public static String utcDate(long timestamp) {
    return UTC_DATE.format(Instant.ofEpochSecond(timestamp));
  }

  public String credentialScope() {
    return date + "/" + service + "/tc3_request";
  }
}

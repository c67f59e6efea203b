package io.sluice.controller.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SHA-256 hashes of tokens anyone would try first: the words people type when a config asks for
 * a secret, the names of things in Sluice, and the demo's old fixed token. A token hashed here is
 * no token, so {@code validate} refuses it; {@code sluice token} makes a random one.
 */
final class WeakTokens {
  private static final List<String> WORDS =
      List.of(
          "",
          "hi",
          "hello",
          "test",
          "testing",
          "password",
          "passw0rd",
          "admin",
          "administrator",
          "root",
          "changeme",
          "change-me",
          "secret",
          "token",
          "sluice",
          "sluice-token",
          "sluice-demo-admin",
          "demo",
          "example",
          "default",
          "operator",
          "viewer",
          "ops",
          "dev",
          "qwerty",
          "letmein",
          "123456",
          "12345678",
          "123456789",
          "1234567890");

  private static final Set<String> HASHES =
      WORDS.stream()
          .flatMap(
              w ->
                  Stream.of(
                      w,
                      w.toUpperCase(Locale.ROOT),
                      w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1)))
          .map(WeakTokens::sha256)
          .collect(Collectors.toUnmodifiableSet());

  private WeakTokens() {}

  /** True when {@code sha256} (lowercase hex) is the hash of a well-known weak token. */
  static boolean isWeak(String sha256) {
    return HASHES.contains(sha256);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

package io.sluice.controller.api;

import java.security.SecureRandom;
import java.util.Base64;

/** New API tokens and their hashes, for {@code sluice token}. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** 32 random bytes, URL-safe base64 without padding, prefixed so a leaked one is recognisable. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "sluice_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The lowercase hex SHA-256 the config stores. */
  public static String sha256(String token) {
    return TokenBook.hash(token);
  }
}

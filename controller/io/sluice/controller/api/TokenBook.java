package io.sluice.controller.api;

import io.sluice.controller.config.ControllerConfig.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured bearer tokens, as SHA-256 hashes only. A presented token is hashed and compared
 * with every configured hash in constant time ({@link MessageDigest#isEqual}), all of them every
 * time, so neither the comparison nor the number of tokens checked tells how close a guess came.
 * Several tokens may be active at once, which is how tokens are rotated.
 */
final class TokenBook {
  private final List<Token> tokens;
  private final List<byte[]> hashes;

  TokenBook(List<Token> tokens) {
    this.tokens = List.copyOf(tokens);
    this.hashes = tokens.stream().map(t -> HexFormat.of().parseHex(t.sha256())).toList();
  }

  /** The caller a presented token belongs to; empty when it matches none. */
  Optional<Caller> authenticate(String presented) {
    byte[] hash = sha256(presented);
    Token found = null;
    for (int i = 0; i < tokens.size(); i++) {
      if (MessageDigest.isEqual(hash, hashes.get(i)) && found == null) {
        found = tokens.get(i);
      }
    }
    return Optional.ofNullable(found).map(t -> new Caller(t.id(), t.role(), t.services()));
  }

  /** The lowercase hex SHA-256 of a token (as the config stores it), or of any text. */
  static String hash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

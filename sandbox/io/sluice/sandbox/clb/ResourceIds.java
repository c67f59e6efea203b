package io.sluice.sandbox.clb;

import java.util.random.RandomGenerator;

/**
 * Makes Tencent-shaped resource ids ({@code lb-}, {@code lbl-}, {@code loc-} followed by eight
 * lower-case letters and digits). A seeded generator gives tests repeatable ids.
 */
public final class ResourceIds {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private final RandomGenerator random;

  public ResourceIds(RandomGenerator random) {
    this.random = random;
  }

  public synchronized String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('-');
    for (int i = 0; i < 8; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}

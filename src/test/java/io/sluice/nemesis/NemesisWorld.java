package io.sluice.nemesis;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The suite's world ({@code src/test/resources/nemesis/world.yaml}) and the key each replica signs
 * its calls with there: replica {@code rN} holds the key named {@code rN}, so every write in the
 * mutation log names its replica.
 */
final class NemesisWorld {
  static final Path SCENARIO = Path.of("src/test/resources/nemesis/world.yaml");

  private NemesisWorld() {}

  static String secretId(String replica) {
    return ("AKIDSLUICENEMESIS" + replica.toUpperCase(Locale.ROOT))
        .concat("0".repeat(19))
        .substring(0, 36);
  }

  static String secretKey(String replica) {
    return "sluice-nemesis-key-" + replica;
  }
}

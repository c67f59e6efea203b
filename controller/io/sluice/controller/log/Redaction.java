package io.sluice.controller.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in a log line: bearer tokens, Sluice API tokens, Tencent Cloud
 * SecretIds, and the value after a key named like a secret ({@code secretKey=...}, {@code "token":
 * "..."}, {@code password: ...}). Sluice never logs secrets on purpose; this is the net for a
 * library or an exception message that does.
 */
public final class Redaction {
  static final String MASK = "[redacted]";

  private record Rule(Pattern pattern, String replacement) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1" + MASK),
          new Rule(Pattern.compile("sluice_[A-Za-z0-9_-]{16,}"), "sluice_" + MASK),
          new Rule(Pattern.compile("AKID[A-Za-z0-9]{12,}"), "AKID" + MASK),
          new Rule(
              Pattern.compile(
                  "(?i)((?:secret[_-]?(?:id|key)|token|password|passwd|credential)"
                      + "[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;}&]+"),
              "$1" + MASK));

  private Redaction() {}

  /** {@code line} with every secret-looking part masked. */
  public static String redact(String line) {
    if (line == null) {
      return null;
    }
    String out = line;
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(rule.replacement());
      }
    }
    return out;
  }

  /** The same for an encoded log line (UTF-8). */
  static byte[] redact(byte[] line) {
    if (line == null) {
      return null;
    }
    String text = new String(line, java.nio.charset.StandardCharsets.UTF_8);
    String masked = redact(text);
    return masked.equals(text) ? line : masked.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}

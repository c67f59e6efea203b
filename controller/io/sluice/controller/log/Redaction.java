package io.sluice.controller.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in a log line, each by its exact shape so that nothing else is touched (metric
 * names such as {@code sluice_route_weight} survive): bearer credentials, Sluice API tokens ({@code
 * sluice_} and 43 characters of base64url, as {@code sluice token} makes them), Tencent Cloud
 * SecretIds ({@code AKID...}) and SecretKeys (32 letters and digits of mixed case, even
 * unlabelled), the value after a key named like a secret ({@code secretKey=...}, {@code "token":
 * "..."}, {@code ?key=...}), and the secrets the daemon was configured with, by their exact text
 * ({@link #remember}). Sluice never logs secrets on purpose; this is the net for a library or an
 * exception message that does. The encoders apply it to each event's message before encoding
 * ({@link RedactedEvent}), where a JSON encoder has not yet escaped the quotes a rule looks for.
 */
public final class Redaction {
  static final String MASK = "[redacted]";

  /** Shorter secrets are not remembered: masking every "admin" or "8080" would hide too much. */
  static final int SHORTEST_REMEMBERED = 8;

  private record Rule(Pattern pattern, String replacement) {}

  private static final String B64URL = "[A-Za-z0-9_-]";
  private static final String ALNUM = "[A-Za-z0-9]";

  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1" + MASK),
          // sluice token: 32 random bytes in unpadded base64url. A metric name is lower case
          // without '-': a token lacks both an upper-case letter and '-' once in 10^10.
          new Rule(
              Pattern.compile(
                  "(?<!"
                      + B64URL
                      + ")sluice_(?="
                      + B64URL
                      + "{0,42}[A-Z-])"
                      + B64URL
                      + "{43}(?!"
                      + B64URL
                      + ")"),
              "sluice_" + MASK),
          new Rule(
              Pattern.compile("(?<!" + ALNUM + ")AKID" + ALNUM + "{12,}(?!" + ALNUM + ")"),
              "AKID" + MASK),
          // a SecretKey: 32 letters and digits with upper case, lower case and a digit; hex
          // digests (lower case only) and ids with dashes are left alone
          new Rule(
              Pattern.compile(
                  "(?<!"
                      + ALNUM
                      + ")(?="
                      + ALNUM
                      + "*[A-Z])(?="
                      + ALNUM
                      + "*[a-z])(?="
                      + ALNUM
                      + "*[0-9])"
                      + ALNUM
                      + "{32}(?!"
                      + ALNUM
                      + ")"),
              MASK),
          new Rule(
              Pattern.compile(
                  "(?i)((?:secret[_-]?(?:id|key)|token|password|passwd|credential|api[_-]?key"
                      + "|access[_-]?key)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;}&]+"),
              "$1" + MASK),
          // a secret in a URL's query, such as a WeCom robot's ?key=
          new Rule(
              Pattern.compile("(?i)([?&](?:key|sig|signature|access_token)=)[^&\\s\"'#]+"),
              "$1" + MASK));

  private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();

  private Redaction() {}

  /**
   * Masks these exact values from now on, wherever they appear: the credentials the daemon was
   * given, which may have no recognisable shape or label. Values shorter than {@value
   * #SHORTEST_REMEMBERED} characters are ignored.
   */
  public static void remember(String... secrets) {
    for (String secret : secrets) {
      if (secret != null && secret.length() >= SHORTEST_REMEMBERED) {
        REMEMBERED.add(secret);
      }
    }
  }

  /** Forgets every remembered value (for tests). */
  static void forgetAll() {
    REMEMBERED.clear();
  }

  /** {@code line} with every secret masked. */
  public static String redact(String line) {
    if (line == null) {
      return null;
    }
    String out = line;
    for (String secret : REMEMBERED) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(rule.replacement());
      }
    }
    return out;
  }

  /** {@code text} masked, then with its control characters escaped: what a log line may hold. */
  public static String clean(String text) {
    return escapeControls(redact(text));
  }

  /**
   * {@code text} with every control character written out (a line feed as backslash-n, a carriage
   * return as backslash-r, any other as a backslash-u hex escape), so that a value cannot end a log
   * line and forge the next, or send a terminal an escape sequence. A tab stays.
   */
  public static String escapeControls(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escape(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        out.append(escaped != null ? escaped : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /** The escape for a control character (C0 but tab, DEL, C1, line and paragraph separators). */
  private static String escape(char c) {
    return switch (c) {
      case '\t' -> null;
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      default ->
          c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
              ? String.format("\\u%04x", (int) c)
              : null;
    };
  }

  /** The same for an encoded log line (UTF-8). */
  static byte[] redact(byte[] line) {
    if (line == null) {
      return null;
    }
    String text = new String(line, StandardCharsets.UTF_8);
    String masked = redact(text);
    return masked.equals(text) ? line : masked.getBytes(StandardCharsets.UTF_8);
  }
}

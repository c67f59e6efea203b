package io.sluice.controller.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in a scalar with the value of environment variable NAME, so secrets and
 * per-host values stay out of the file. {@code $${NAME}} writes a literal {@code ${NAME}}.
 */
final class EnvSubstitution {
  private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Function<String, String> env;
  private final Map<String, String> substituted = new LinkedHashMap<>();

  /**
   * @param env looks a variable up, returning null when it is not set ({@code System::getenv})
   */
  EnvSubstitution(Function<String, String> env) {
    this.env = env;
  }

  /** The text with every reference replaced, and the names that were not set. */
  record Result(String text, List<String> unset) {
    boolean ok() {
      return unset.isEmpty();
    }
  }

  Result apply(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> unset = new ArrayList<>();
    while (m.find()) {
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = "${" + m.group(2) + "}";
      } else {
        replacement = env.apply(m.group(2));
        if (replacement == null) {
          unset.add(m.group(2));
          replacement = m.group();
        } else {
          substituted.put(m.group(2), replacement);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return new Result(out.toString(), List.copyOf(unset));
  }

  /** Each variable a reference was replaced by so far, with its value (which errors never show). */
  Map<String, String> substituted() {
    return Collections.unmodifiableMap(substituted);
  }

  /** True when {@code text} is exactly one reference, so its value takes the type it reads as. */
  static boolean isWholeReference(String text) {
    Matcher m = REFERENCE.matcher(text);
    return m.matches() && m.group(1).isEmpty();
  }
}

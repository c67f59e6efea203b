package io.sluice.policies;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a decision was taken: a stable rule name (for metrics and the explain API), a sentence for
 * people, and the input values and thresholds the rule compared, in the order it read them.
 */
public record Reason(String rule, String text, Map<String, String> inputs) {

  public Reason {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(text, "text");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  public static Reason of(String rule, String text) {
    return new Reason(rule, text, Map.of());
  }

  /** A copy with one more input value. */
  public Reason with(String name, Object value) {
    Map<String, String> more = new LinkedHashMap<>(inputs);
    more.put(name, String.valueOf(value));
    return new Reason(rule, text, more);
  }

  @Override
  public String toString() {
    if (inputs.isEmpty()) {
      return rule + ": " + text;
    }
    StringBuilder sb = new StringBuilder(rule).append(": ").append(text).append(" (");
    String sep = "";
    for (Map.Entry<String, String> e : inputs.entrySet()) {
      String v = e.getValue();
      // A value that itself holds '=' or ',' (a split, a list) is bracketed to read unambiguously.
      boolean nested = v.indexOf('=') >= 0 || v.indexOf(',') >= 0;
      sb.append(sep).append(e.getKey()).append('=');
      sb.append(nested && !v.startsWith("[") ? "[" + v + "]" : v);
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}

package io.sluice.observe;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL query (as written in the rules and the dashboards) reads. Not a parser:
 * it removes what cannot be a metric name (strings, label matchers, ranges, grouping clauses,
 * Grafana variables, numbers), then keeps each identifier that is not a function call or a keyword.
 * The queries it reads are Sluice's own, and {@code PromQlNamesTest} pins the forms they use.
 */
final class PromQlNames {
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]*)");
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile(
          "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "inf", "nan");

  private PromQlNames() {}

  static Set<String> in(String query) {
    Matcher labelValues = LABEL_VALUES.matcher(query);
    if (labelValues.find()) {
      // label_values(metric, label) or label_values(label): only a first argument with a comma is
      // a metric (or a selector)
      return query.contains(",") ? in(labelValues.group(1)) : Set.of();
    }
    String q = STRINGS.matcher(query).replaceAll(" ");
    q = VARIABLES.matcher(q).replaceAll(" ");
    q = MATCHERS.matcher(q).replaceAll(" ");
    q = RANGES.matcher(q).replaceAll(" ");
    q = GROUPING.matcher(q).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(q);
    while (m.find()) {
      String word = m.group(1);
      if (m.group(2) == null && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }
}

package io.sluice.controller.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggests the known name closest to a mistyped one, when it is close enough to be a typo. */
final class DidYouMean {
  private DidYouMean() {}

  /**
   * The candidate at the smallest edit distance from {@code typed}, ignoring case, if that distance
   * is at most a third of the longer name's length (and at least 2 are always allowed).
   */
  static Optional<String> suggest(String typed, Collection<String> candidates) {
    String lower = typed.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .filter(Objects::nonNull)
        .map(c -> new Scored(c, distance(lower, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= Math.max(2, Math.max(typed.length(), s.name().length()) / 3))
        .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .map(Scored::name);
  }

  private static int distance(String a, String b) {
    return LevenshteinDistance.getDefaultInstance().apply(a, b);
  }

  private record Scored(String name, int distance) {}
}

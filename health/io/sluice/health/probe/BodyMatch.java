package io.sluice.health.probe;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the first {@link ProbeSpec#maxBodyBytes()} bytes of a response body must contain for the
 * probe to read Up.
 */
public sealed interface BodyMatch {

  boolean test(String bodyPrefix);

  /** The body holds this text. */
  record Contains(String text) implements BodyMatch {
    public Contains {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean test(String bodyPrefix) {
      return bodyPrefix.contains(text);
    }

    @Override
    public String toString() {
      return "contains '" + text + "'";
    }
  }

  /** Some part of the body matches this regular expression. */
  record Matches(Pattern pattern) implements BodyMatch {
    public Matches {
      Objects.requireNonNull(pattern, "pattern");
    }

    public static Matches regex(String regex) {
      return new Matches(Pattern.compile(regex));
    }

    @Override
    public boolean test(String bodyPrefix) {
      return pattern.matcher(bodyPrefix).find();
    }

    @Override
    public String toString() {
      return "matches /" + pattern.pattern() + "/";
    }
  }
}

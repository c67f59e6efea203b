package io.sluice.sandbox.dataplane.clb;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loses a share of the requests that one vantage point sends to one backend, as a lossy path from
 * one zone would: the other vantage points see the backend healthy. A request names its vantage
 * point in its {@code User-Agent} ({@code sluice-prober (vantage r1)}, as Sluice's prober sends
 * it); requests without one are never lost. Each rule draws from its own generator seeded by the
 * caller, so a run with the same requests in the same order loses the same ones.
 */
public final class VantageLoss {
  private static final Pattern VANTAGE = Pattern.compile("\\(vantage ([^)\\s]+)\\)");

  /** What happens to a lost request. */
  public enum Kind {
    /** Never answered: the client times out, as after a lost packet. */
    DROP,
    /** Answered 503 by the CLB at once. */
    FAIL;

    public static Kind parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("kind: must be drop or fail, got '" + text + "'");
      }
    }
  }

  /**
   * @param target a listener id or a rule's LocationId, or {@code *} for every backend
   * @param share the share of matching requests lost, 0 to 1
   */
  public record Rule(String vantage, String target, double share, Kind kind, long seed) {
    public Rule {
      Objects.requireNonNull(vantage, "vantage");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(kind, "kind");
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("share: must be 0-1, got " + share);
      }
    }
  }

  private record Key(String vantage, String target) {}

  private record Active(Rule rule, SplittableRandom random) {}

  private final Map<Key, Active> rules = new ConcurrentHashMap<>();

  /** Adds or replaces the rule for its vantage point and target, with a fresh generator. */
  public void set(Rule rule) {
    rules.put(
        new Key(rule.vantage(), rule.target()),
        new Active(rule, new SplittableRandom(rule.seed())));
  }

  public void clear() {
    rules.clear();
  }

  /** The vantage point a {@code User-Agent} names, if any. */
  public static Optional<String> vantageOf(String userAgent) {
    if (userAgent == null) {
      return Optional.empty();
    }
    Matcher m = VANTAGE.matcher(userAgent);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Whether this request is lost, and how: the first rule for its vantage point that names the
   * listener, the rule, or every backend, in that order.
   */
  public Optional<Kind> decide(String userAgent, String listenerId, String locationId) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> vantage = vantageOf(userAgent);
    if (vantage.isEmpty()) {
      return Optional.empty();
    }
    for (String target : new String[] {listenerId, locationId, "*"}) {
      Active active = target == null ? null : rules.get(new Key(vantage.get(), target));
      if (active != null) {
        return lost(active) ? Optional.of(active.rule().kind()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean lost(Active active) {
    synchronized (active) {
      return active.random().nextDouble() < active.rule().share();
    }
  }
}

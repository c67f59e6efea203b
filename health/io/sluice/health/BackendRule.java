package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a backend's checks become its verdict, in two steps.
 *
 * <p>At each vantage point, the {@link Composition} of the check statuses must hold and every
 * {@code mustPass} check must be UP (three-valued: DOWN when either part is DOWN, UP when both are
 * UP, UNKNOWN otherwise).
 *
 * <p>Checks named in {@code downOnly} (the cloud signals) can only make a backend DOWN: one that is
 * DOWN makes the vantage point DOWN, while one that is UP or UNKNOWN changes nothing. The cloud's
 * own view (a stopped instance, every target Dead, a function not Active) is decisive when it sees
 * a failure, but a control-plane outage or throttling, which leaves the signal UNKNOWN, must not
 * take the verdict away from the probes that still know; and a cloud view that looks fine cannot
 * outvote probes on the users' path.
 *
 * <p>Across vantage points, those that do not know are ignored, and the backend is UP while more
 * than {@code quorum} of the knowing ones say UP, DOWN otherwise, UNKNOWN when none knows. This is
 * Route 53's rule (healthy while more than 18% of its checkers see it healthy): a low quorum means
 * a backend is only DOWN when nearly every vantage point agrees, so a partition between one prober
 * and the backend does not cause a failover.
 *
 * @param quorum the share of knowing vantage points that must be exceeded, 0 (inclusive) to 1
 *     (exclusive); {@link #DEFAULT_QUORUM} by default
 */
public record BackendRule(
    Composition composition,
    Set<String> mustPass,
    double quorum,
    Set<String> downOnly,
    Set<String> contradicting) {
  public static final double DEFAULT_QUORUM = 0.18;
  public static final BackendRule DEFAULT =
      new BackendRule(Composition.all(), Set.of(), DEFAULT_QUORUM);

  public BackendRule {
    Objects.requireNonNull(composition, "composition");
    mustPass = Set.copyOf(mustPass);
    downOnly = Set.copyOf(downOnly);
    contradicting = Set.copyOf(contradicting);
    if (!downOnly.containsAll(contradicting)) {
      throw new IllegalArgumentException(
          "contradicting checks must be down-only checks, got "
              + contradicting
              + " of "
              + downOnly);
    }
    for (String name : downOnly) {
      if (mustPass.contains(name)) {
        throw new IllegalArgumentException(
            "check '" + name + "' is down-only, so it cannot be one that must pass");
      }
    }
    if (!(quorum >= 0 && quorum < 1)) {
      throw new IllegalArgumentException("quorum: must be at least 0 and below 1, got " + quorum);
    }
  }

  /** A rule without down-only checks. */
  public BackendRule(Composition composition, Set<String> mustPass, double quorum) {
    this(composition, mustPass, quorum, Set.of(), Set.of());
  }

  /**
   * This rule with {@code names} as down-only checks (the cloud signals), of which {@code
   * contradicting} may also contradict the probes' DOWN.
   */
  public BackendRule withSignals(Set<String> names, Set<String> contradicting) {
    return new BackendRule(composition, mustPass, quorum, names, contradicting);
  }

  /**
   * Checks that this rule can be applied to a backend with these checks.
   *
   * @throws IllegalArgumentException naming the {@code mustPass} checks that do not exist, or the
   *     composition that needs more checks than there are
   */
  public void requireFits(String backend, Collection<String> checkNames) {
    List<String> missing = new ArrayList<>();
    for (String name : downOnly) {
      if (!checkNames.contains(name)) {
        missing.add(name);
      }
    }
    for (String name : mustPass) {
      if (!checkNames.contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          backend
              + ".mustPass/downOnly: unknown checks "
              + missing.stream().sorted().toList()
              + ", the backend has "
              + checkNames);
    }
    long composed = checkNames.stream().filter(name -> !downOnly.contains(name)).count();
    if (composition.minimumChecks() > composed) {
      throw new IllegalArgumentException(
          backend
              + ".composition: '"
              + composition
              + "' needs "
              + composition.minimumChecks()
              + " checks, the backend has "
              + composed
              + (composed == checkNames.size() ? "" : " besides its down-only ones"));
    }
  }

  /** The verdict at one vantage point from its check statuses, by check name. */
  public Verdict atVantage(Map<String, Verdict> checks) {
    Collection<Verdict> probes = checks.values();
    if (!downOnly.isEmpty()) {
      List<Verdict> others = new ArrayList<>(checks.size());
      for (Map.Entry<String, Verdict> check : checks.entrySet()) {
        if (!downOnly.contains(check.getKey())) {
          others.add(check.getValue());
        } else if (check.getValue() == Verdict.DOWN) {
          return Verdict.DOWN;
        }
      }
      probes = others;
    }
    Verdict composed = composition.combine(probes);
    Verdict required = Verdict.UP;
    for (String name : mustPass) {
      Verdict status = checks.getOrDefault(name, Verdict.UNKNOWN);
      if (status == Verdict.DOWN) {
        return contradicted(checks) ? Verdict.UNKNOWN : Verdict.DOWN;
      }
      if (status == Verdict.UNKNOWN) {
        required = Verdict.UNKNOWN;
      }
    }
    if (composed == Verdict.DOWN) {
      return contradicted(checks) ? Verdict.UNKNOWN : Verdict.DOWN;
    }
    return composed == Verdict.UP && required == Verdict.UP ? Verdict.UP : Verdict.UNKNOWN;
  }

  private boolean contradicted(Map<String, Verdict> checks) {
    for (String name : contradicting) {
      if (checks.get(name) == Verdict.UP) {
        return true;
      }
    }
    return false;
  }

  /**
   * The verdict across vantage points. Those that say UNKNOWN are left out of the vote, but a
   * majority of all the vantage points must know: one vantage point alone, while the others cannot
   * tell, is no corroboration, so the result is UNKNOWN (which holds the split).
   */
  public Verdict acrossVantages(Collection<Verdict> vantages) {
    long knowing = vantages.stream().filter(v -> v != Verdict.UNKNOWN).count();
    if (knowing == 0 || knowing * 2 <= vantages.size()) {
      return Verdict.UNKNOWN;
    }
    long up = vantages.stream().filter(v -> v == Verdict.UP).count();
    return up > quorum * knowing ? Verdict.UP : Verdict.DOWN;
  }
}

package io.sluice.health;

import io.sluice.policies.Verdict;
import java.util.Collection;

/**
 * How a backend's check statuses combine at one vantage point. The logic is three-valued: an
 * UNKNOWN check makes the result UNKNOWN only when the result depends on it, so {@code All} with
 * one check DOWN is DOWN, and {@code AtLeast(1)} with one check UP is UP, whatever the others say.
 */
public sealed interface Composition {

  /** The combined status; UNKNOWN when there are no checks at all. */
  Verdict combine(Collection<Verdict> checks);

  /** The smallest number of checks this composition can work with. */
  int minimumChecks();

  static Composition all() {
    return new All();
  }

  static Composition atLeast(int n) {
    return new AtLeast(n);
  }

  /** Every check must be UP. */
  record All() implements Composition {
    @Override
    public Verdict combine(Collection<Verdict> checks) {
      if (checks.isEmpty()) {
        return Verdict.UNKNOWN;
      }
      if (checks.contains(Verdict.DOWN)) {
        return Verdict.DOWN;
      }
      return checks.contains(Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.UP;
    }

    @Override
    public int minimumChecks() {
      return 1;
    }

    @Override
    public String toString() {
      return "all";
    }
  }

  /** At least {@code n} checks must be UP. */
  record AtLeast(int n) implements Composition {
    public AtLeast {
      if (n < 1) {
        throw new IllegalArgumentException("composition.atLeast: must be 1 or more, got " + n);
      }
    }

    @Override
    public Verdict combine(Collection<Verdict> checks) {
      long up = checks.stream().filter(v -> v == Verdict.UP).count();
      long unknown = checks.stream().filter(v -> v == Verdict.UNKNOWN).count();
      if (up >= n) {
        return Verdict.UP;
      }
      return up + unknown < n ? Verdict.DOWN : Verdict.UNKNOWN;
    }

    @Override
    public int minimumChecks() {
      return n;
    }

    @Override
    public String toString() {
      return "at least " + n;
    }
  }
}

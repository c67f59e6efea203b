package io.sluice.health;

/** One check of a backend, or a sentinel: its spec and what each vantage point sees of it. */
final class WatchedCheck {
  private final CheckSpec spec;
  private final WatchedBackend owner;
  private final CheckAtVantage[] byVantage;

  /**
   * @param owner the backend it is a check of; null for a sentinel
   * @param order its place among the board's checks and sentinels, in registration order
   */
  WatchedCheck(CheckSpec spec, WatchedBackend owner, int vantages, int order) {
    this.spec = spec;
    this.owner = owner;
    this.byVantage = new CheckAtVantage[vantages];
    for (int v = 0; v < vantages; v++) {
      byVantage[v] = new CheckAtVantage(this, v, order * vantages + v);
    }
  }

  String name() {
    return spec.name();
  }

  CheckSpec spec() {
    return spec;
  }

  /** The backend this is a check of; null for a sentinel. */
  WatchedBackend owner() {
    return owner;
  }

  CheckAtVantage at(int vantage) {
    return byVantage[vantage];
  }
}

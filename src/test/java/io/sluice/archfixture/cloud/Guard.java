package io.sluice.archfixture.cloud;

import io.sluice.archfixture.health.Prober;

/** Breaks "cloud imports none of health, controller, sandbox, policies". */
public final class Guard {
  public Prober prober() {
    return null;
  }
}

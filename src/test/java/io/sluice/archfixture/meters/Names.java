package io.sluice.archfixture.meters;

import io.sluice.archfixture.policies.Engine;

/** Breaks "meters imports only java.* and itself". */
public final class Names {
  public Engine engine() {
    return null;
  }
}

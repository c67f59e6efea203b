package io.sluice.archfixture.sandbox;

import io.sluice.archfixture.policies.Engine;

/** Fixture: a sandbox class that imports a policy (forbidden). */
public final class Emulator {
  Engine engine;
}

package io.sluice.archfixture.other;

import io.sluice.archfixture.sandbox.Emulator;

/** Fixture: a class outside the controller that imports the sandbox (forbidden). */
public final class Stray {
  Emulator emulator;
}

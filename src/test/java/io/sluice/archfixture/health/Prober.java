package io.sluice.archfixture.health;

import io.sluice.archfixture.controller.Daemon;

/** Fixture: a health class that imports the controller (forbidden). */
public final class Prober {
  Daemon daemon;
}

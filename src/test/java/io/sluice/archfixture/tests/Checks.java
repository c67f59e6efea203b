package io.sluice.archfixture.tests;

import org.junit.jupiter.api.Test;

/**
 * Fixture: a public, non-final test class whose name no test runner includes, and that sleeps to
 * wait (forbidden: never run by Maven, and a sleep is a race). Surefire ignores it, by its name.
 */
public class Checks {
  @Test
  void waitsBySleeping() throws InterruptedException {
    Thread.sleep(10);
  }
}

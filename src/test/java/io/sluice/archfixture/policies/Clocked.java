package io.sluice.archfixture.policies;

import java.time.Instant;

/** Fixture: a policy class that reads the clocks and prints (forbidden: time comes in). */
public final class Clocked {
  long elapsed(long startNanos) {
    System.out.println("deciding at " + Instant.now());
    return System.nanoTime() - startNanos;
  }
}

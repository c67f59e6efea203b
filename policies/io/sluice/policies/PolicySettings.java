package io.sluice.policies;

import java.util.Optional;

/** The settings of one route's policy; each kind has its own record. */
public sealed interface PolicySettings permits FailoverSettings, DiversionSettings {

  Safeguards safeguards();

  /** SCF pre-warming, when the SCF backend has it configured. */
  Optional<Prewarm> prewarm();

  /** The backend that carries the route's traffic when all is well. */
  Backend home();
}

package io.sluice.controller.api;

import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import java.time.Instant;

/** What the tick loop asks of the operator side, and tells it, on the daemon's context. */
public interface TickHooks {

  /** A tick begins: overrides whose time ran out end now. */
  void tickStarted();

  /** The operator's input for {@code service}'s next decision. */
  Overrides overrides(String service);

  /** A route decided; recorded for explain. */
  void decided(String service, String route, Instant at, Decision decision, HealthSnapshot health);

  /** No overrides, no history: automation alone. */
  TickHooks NONE =
      new TickHooks() {
        @Override
        public void tickStarted() {}

        @Override
        public Overrides overrides(String service) {
          return Overrides.NONE;
        }

        @Override
        public void decided(
            String service, String route, Instant at, Decision decision, HealthSnapshot health) {}
      };
}

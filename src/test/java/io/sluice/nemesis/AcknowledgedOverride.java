package io.sluice.nemesis;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator override (or freeze) that a replica's API acknowledged during the run: it must still
 * be in force afterwards, unless it expired.
 *
 * @param key what it overrides, e.g. {@code shop/default}
 * @param value what it says, e.g. {@code pin scf}
 */
record AcknowledgedOverride(
    String key, String value, Instant acknowledgedAt, Optional<Instant> expiresAt) {
  AcknowledgedOverride {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}

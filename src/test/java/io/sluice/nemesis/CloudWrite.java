package io.sluice.nemesis;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the sandbox's mutation log ({@code GET /admin/mutations}): a write the cloud
 * accepted, at the sandbox's time, made with the key of {@code credential} (a replica's name).
 */
record CloudWrite(
    Instant time, String credential, String action, String resource, String requestId) {
  CloudWrite {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(requestId, "requestId");
  }
}

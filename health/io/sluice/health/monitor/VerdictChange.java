package io.sluice.health.monitor;

import io.sluice.health.BackendHealth;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.time.Instant;

/**
 * A backend's verdict changed, seen right after the probe result, the other replica's report or the
 * staleness of one that changed it.
 *
 * @param health the new verdict's summary and evidence
 * @param at wall time of the change, for people and the audit log
 */
public record VerdictChange(
    String service, Backend backend, Verdict from, Verdict to, BackendHealth health, Instant at) {}

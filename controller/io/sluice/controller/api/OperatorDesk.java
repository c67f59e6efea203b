package io.sluice.controller.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.notify.Notification;
import io.sluice.controller.notify.Notifications;
import io.sluice.controller.reconcile.RouteChange;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the operator's side meets the tick loop: the override store (read every tick, expired
 * overrides ended and audited), the decision history (every decision recorded, with the override in
 * force and the policy version), and the audit log (automatic changes with their cloud RequestIds
 * and outcomes).
 */
public final class OperatorDesk implements TickHooks {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorDesk.class);

  private final OverrideStore overrides;
  private final DecisionHistory history;
  private final AuditLog audit;
  private final Map<String, String> versions = new HashMap<>();
  private Notifications notifications = Notifications.NONE;

  public OperatorDesk(
      SluiceConfig config, OverrideStore overrides, DecisionHistory history, AuditLog audit) {
    this.overrides = Objects.requireNonNull(overrides, "overrides");
    this.history = Objects.requireNonNull(history, "history");
    this.audit = Objects.requireNonNull(audit, "audit");
    config.services().forEach(s -> versions.put(s.name(), policyVersion(s)));
  }

  /** Registers {@code sluice_override_active{service}} and {@code sluice_audit_writes_total}. */
  public void bind(MeterRegistry registry) {
    for (String service : versions.keySet()) {
      Gauge.builder(
              MeterNames.OVERRIDE_ACTIVE,
              overrides,
              store -> store.current(service).isPresent() ? 1 : 0)
          .description("1 while an operator override is in force")
          .tag("service", service)
          .register(registry);
    }
    FunctionCounter.builder(MeterNames.AUDIT_WRITES, audit, AuditLog::writes)
        .description("audit log entries, each forced to disk")
        .register(registry);
  }

  /** Where operator actions (overrides set, cleared or expired, resumes) are announced. */
  public void notifyTo(Notifications notifications) {
    this.notifications = Objects.requireNonNull(notifications, "notifications");
  }

  /** Announces an operator action from its audit entry, once the entry is written. */
  void notifyOperatorAction(ObjectNode entry) {
    notifications.publish(
        Notification.override(
            entry.path("service").asText(),
            "",
            entry.path("before").asText(""),
            entry.path("after").asText(entry.path("action").asText()),
            entry.path("actor").asText(),
            entry.path("reason").asText(""),
            Instant.parse(entry.path("time").asText())));
  }

  public OverrideStore store() {
    return overrides;
  }

  public DecisionHistory history() {
    return history;
  }

  public AuditLog audit() {
    return audit;
  }

  /** The first 12 hex digits of the SHA-256 of the service's bound config. */
  static String policyVersion(ServiceConfig service) {
    return TokenBook.hash(service.toString()).substring(0, 12);
  }

  public String policyVersion(String service) {
    return versions.getOrDefault(service, "unknown");
  }

  @Override
  public void tickStarted() {
    try {
      for (OverrideRecord ended : overrides.expire()) {
        LOG.info(
            "{}: the override ({}, by {}) expired; automation takes back control",
            ended.service(),
            ended.describe(),
            ended.actor());
        ObjectNode entry = audit.entry("override.expired", ended.service());
        entry.put("actor", "sluice");
        entry.put("before", ended.describe());
        entry.put("reason", "set by " + ended.actor() + ": " + ended.reason());
        entry.put("expiresAt", ended.expiresAt().toString());
        entry.put("overrideRequestId", ended.requestId());
        audit.append(entry);
        notifyOperatorAction(entry);
      }
    } catch (IOException e) {
      LOG.error("cannot record the end of an expired override: {}", e.getMessage());
    }
  }

  @Override
  public Overrides overrides(String service) {
    return overrides.overrides(service);
  }

  @Override
  public void decided(
      String service, String route, Instant at, Decision decision, HealthSnapshot health) {
    history.record(
        service, route, at, decision, health, overrides.current(service), policyVersion(service));
  }

  /** Audits a change a reconciler made (or tried), with its cloud RequestIds and outcomes. */
  public void changed(RouteChange change) {
    ObjectNode entry = audit.entry("route.change", change.service());
    entry.put("actor", "sluice");
    entry.put("route", change.route());
    entry.put("before", String.valueOf(change.before()));
    entry.put("after", change.after() == null ? "unknown" : change.after().toString());
    entry.put("desired", change.desired().toString());
    entry.put("decision", change.reason());
    entry.put("outcome", change.outcome());
    overrides
        .current(change.service())
        .ifPresent(o -> entry.put("override", o.describe() + " by " + o.actor()));
    ArrayNode ids = entry.putArray("cloudRequestIds");
    ArrayNode steps = entry.putArray("steps");
    for (RouteChange.Step step : change.steps()) {
      if (!step.requestId().isEmpty()) {
        ids.add(step.requestId());
      }
      steps
          .addObject()
          .put("action", step.action())
          .put("target", step.target())
          .put("requestId", step.requestId())
          .put("outcome", step.outcome());
    }
    try {
      audit.append(entry);
    } catch (IOException e) {
      LOG.error(
          "{}/{}: cannot write the change to the audit log: {}",
          change.service(),
          change.route(),
          e.getMessage());
    }
  }
}

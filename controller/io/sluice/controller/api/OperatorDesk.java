package io.sluice.controller.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.cloud.InternalErrors;
import io.sluice.controller.config.ServiceConfig;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.Role;
import io.sluice.controller.ha.SoloGroup;
import io.sluice.controller.notify.Notification;
import io.sluice.controller.notify.Notifications;
import io.sluice.controller.reconcile.RouteChange;
import io.sluice.meters.MeterNames;
import io.sluice.policies.Decision;
import io.sluice.policies.HealthSnapshot;
import io.sluice.policies.Overrides;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the operator's side meets the tick loop: the override store (read every tick, expired
 * overrides ended and audited), the decision history (every decision recorded, with the override in
 * force and the policy version), and the audit log (automatic changes with their cloud RequestIds
 * and outcomes). The writes go through the disk lane; the tick never waits for them, and an entry
 * that cannot be written is logged, counted ({@code sluice_internal_errors_total{where="audit"}})
 * and alerted, never dropped silently.
 */
public final class OperatorDesk implements TickHooks {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorDesk.class);

  private final OverrideStore overrides;
  private final DecisionHistory history;
  private final AuditLog audit;
  private final Group group;
  private final Map<String, String> versions = new HashMap<>();
  private Notifications notifications = Notifications.NONE;
  private InternalErrors errors = new InternalErrors(new SimpleMeterRegistry());

  /** A desk outside any replica group (a group of one that no one else sees). */
  public OperatorDesk(
      SluiceConfig config, OverrideStore overrides, DecisionHistory history, AuditLog audit) {
    this(
        config,
        overrides,
        history,
        audit,
        new SoloGroup("solo", System::nanoTime, Clock.systemUTC()));
  }

  /**
   * A desk in {@code group}: outside {@link Role#SOLO} every audit entry names the replica, and a
   * route change names the epoch it started in ({@link RouteChange#epoch}). {@code overrides}
   * should be the group's ({@link OverrideStore#open(java.nio.file.Path,
   * java.util.function.LongSupplier, Clock, io.sluice.controller.disk.DiskLane, Group)}).
   */
  public OperatorDesk(
      SluiceConfig config,
      OverrideStore overrides,
      DecisionHistory history,
      AuditLog audit,
      Group group) {
    this.overrides = Objects.requireNonNull(overrides, "overrides");
    this.history = Objects.requireNonNull(history, "history");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.group = Objects.requireNonNull(group, "group");
    config.services().forEach(s -> versions.put(s.name(), policyVersion(s)));
    if (group.leadership().role() != Role.SOLO) {
      audit.nameReplica(group.replica());
    }
  }

  /**
   * Registers {@code sluice_override_active{service}}, {@code sluice_audit_writes_total} and the
   * internal errors of the audit log and the overrides file.
   */
  public void bind(MeterRegistry registry) {
    errors = new InternalErrors(registry);
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

  /** The replica group this desk's daemon is in (a {@link SoloGroup} when alone). */
  public Group group() {
    return group;
  }

  /** The first 12 hex digits of the SHA-256 of the service's bound config. */
  static String policyVersion(ServiceConfig service) {
    return TokenBook.hash(service.toString()).substring(0, 12);
  }

  public String policyVersion(String service) {
    return versions.getOrDefault(service, "unknown");
  }

  /**
   * Ends the overrides whose time ran out, each audited on its own: one entry that cannot be
   * written is logged and counted, and the others are still written.
   */
  @Override
  public void tickStarted() {
    overrides
        .expire()
        .onSuccess(this::audit)
        .onFailure(
            e -> {
              errors.report(InternalErrors.OVERRIDES, "expiring overrides", e);
              if (e instanceof OverrideStore.OutcomeUnknown unknown) {
                // their removal may have landed, and then no later tick ends them again
                @SuppressWarnings("unchecked") // an expiry plans the overrides it ends
                List<OverrideRecord> ended = (List<OverrideRecord>) unknown.planned();
                ended.forEach(o -> auditEnded(o, Optional.of("unknown")));
              }
            });
  }

  private void audit(OverrideStore.Expiry expiry) {
    expiry
        .notSaved()
        .ifPresent(
            e -> {
              LOG.error(
                  "the overrides file still lists the expired overrides {} (a restart ends them"
                      + " again): {}",
                  expiry.ended().stream().map(OverrideRecord::service).toList(),
                  e.getMessage());
              errors.report(InternalErrors.OVERRIDES, "expiring overrides", e);
            });
    for (OverrideRecord ended : expiry.ended()) {
      LOG.info(
          "{}: the override ({}, by {}) expired; automation takes back control",
          ended.service(),
          ended.describe(),
          ended.actor());
      auditEnded(ended, Optional.empty());
    }
  }

  /**
   * Audits the end of {@code ended}, with {@code outcome} when its removal from the group's shared
   * document has one to say ({@code unknown}: the group did not answer).
   */
  private void auditEnded(OverrideRecord ended, Optional<String> outcome) {
    ObjectNode entry = audit.entry("override.expired", ended.service());
    entry.put("actor", "sluice");
    entry.put("before", ended.describe());
    entry.put("reason", "set by " + ended.actor() + ": " + ended.reason());
    entry.put("expiresAt", ended.expiresAt().toString());
    entry.put("overrideRequestId", ended.requestId());
    outcome.ifPresent(o -> entry.put("outcome", o));
    audit
        .append(entry)
        .onSuccess(written -> notifyOperatorAction(entry))
        .onFailure(
            e ->
                unaudited(
                    ended.service(),
                    "the end of the override (" + ended.describe() + " by " + ended.actor() + ")",
                    e));
  }

  /** An audit entry lost: logged with what it was, counted, alerted. */
  private void unaudited(String service, String what, Throwable e) {
    LOG.error("{}: {} is not in the audit log: {}", service, what, e.getMessage());
    errors.report(InternalErrors.AUDIT, service, e);
  }

  /** Counts and logs a failure of Sluice's own (a disk write); for the API's handlers too. */
  void internalError(String where, String subject, Throwable e) {
    errors.report(where, subject, e);
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

  /**
   * Audits a change a reconciler made (or tried), with its cloud RequestIds and outcomes.
   *
   * @return completes once the entry is on disk; fails when it could not be written
   */
  public Future<Void> changed(RouteChange change) {
    ObjectNode entry = audit.entry("route.change", change.service());
    entry.put("actor", "sluice");
    entry.put("route", change.route());
    entry.put("before", String.valueOf(change.before()));
    entry.put("after", change.after() == null ? "unknown" : change.after().toString());
    entry.put("desired", String.valueOf(change.desired()));
    entry.put("decision", change.reason());
    entry.put("outcome", change.outcome());
    if (change.epoch() > 0) {
      // the epoch the change started in, which its writes were fenced on: not the one this replica
      // leads in now, as it may have lost and regained leadership since
      entry.put("epoch", change.epoch());
    }
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
    return audit
        .append(entry)
        .onFailure(
            e ->
                unaudited(
                    change.service(),
                    "route " + change.route() + "'s change to " + entry.path("after").asText(),
                    e))
        .mapEmpty();
  }
}

package io.sluice.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.policies.Backend;
import io.sluice.policies.OperatorOverride;
import io.sluice.policies.OperatorOverride.OverrideAction;
import io.sluice.policies.Phase;
import io.sluice.policies.PolicyState;
import io.sluice.policies.PolicyState.ChangeHistory;
import io.sluice.policies.PolicyState.Flip;
import io.sluice.policies.PolicyState.HomeWatch;
import io.sluice.policies.PolicyState.PrewarmHold;
import io.sluice.policies.PolicyState.SpillLevel;
import io.sluice.policies.TrafficSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON of the fenced records a route's leader leaves for the next one: {@code
 * intent/<service>/<route>}, put before each cloud write, and {@code policy/<service>/<route>}, the
 * policy's phase, split and timers (times on the group's clock, in milliseconds). Written by hand
 * on Jackson's tree, field by field, so that a record stays readable by the next version.
 */
final class CarriedRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CarriedRecords() {}

  static String intentKey(String service, String route) {
    return "intent/" + service + "/" + route;
  }

  static String policyKey(String service, String route) {
    return "policy/" + service + "/" + route;
  }

  /**
   * A leader's intent, put before one of its cloud writes.
   *
   * @param action the API action about to be called
   * @param target what it changes
   * @param value the absolute value it writes
   * @param desired the split the change moves the route to; empty for a pre-warm write made while
   *     the route's split was unknown
   * @param epoch the epoch of the leader that meant it
   */
  record Intent(
      String action, String target, String value, Optional<TrafficSplit> desired, long epoch) {}

  static byte[] intent(Intent intent) {
    ObjectNode node = JSON.createObjectNode();
    node.put("action", intent.action());
    node.put("target", intent.target());
    node.put("value", intent.value());
    intent.desired().ifPresent(split -> node.put("desired", split.toString()));
    node.put("epoch", intent.epoch());
    return bytes(node);
  }

  /**
   * @throws IllegalArgumentException for a record that is not an intent
   */
  static Intent intent(byte[] data) {
    JsonNode node = tree(data);
    return new Intent(
        text(node, "action"),
        text(node, "target"),
        text(node, "value"),
        node.has("desired")
            ? Optional.of(TrafficSplit.parse(text(node, "desired")))
            : Optional.empty(),
        node.path("epoch").asLong());
  }

  static byte[] policy(PolicyState.Snapshot snapshot) {
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", snapshot.phase().name());
    node.put("split", snapshot.split().toString());
    node.put("freshRounds", snapshot.freshRounds());
    ChangeHistory history = snapshot.history();
    ObjectNode h = node.putObject("history");
    put(h, "lastChangeMillis", history.lastChangeNanos());
    history.lastDirection().ifPresent(b -> h.put("lastDirection", b.name()));
    ArrayNode flips = h.putArray("flips");
    history
        .flips()
        .forEach(
            f -> flips.addObject().put("atMillis", f.atNanos()).put("toward", f.toward().name()));
    h.put("frozen", history.frozen());
    h.put("resumeSeen", history.resumeSeen());
    history.yielded().ifPresent(o -> override(h.putObject("yielded"), o));
    HomeWatch home = snapshot.home();
    ObjectNode w = node.putObject("home");
    put(w, "downSinceMillis", home.downSince());
    put(w, "upSinceMillis", home.upSince());
    w.put("pausedNanos", home.pausedNanos());
    SpillLevel spill = snapshot.spill();
    ObjectNode s = node.putObject("spill");
    s.put("percent", spill.percent());
    put(s, "highSinceMillis", spill.highSince());
    put(s, "lowSinceMillis", spill.lowSince());
    put(s, "lastStepMillis", spill.lastStepNanos());
    ObjectNode p = node.putObject("prewarm");
    p.put("held", snapshot.prewarm().held());
    put(p, "scfIdleSinceMillis", snapshot.prewarm().scfIdleSince());
    return bytes(node);
  }

  /**
   * @throws IllegalArgumentException for a record that is not a policy state
   */
  static PolicyState.Snapshot policy(byte[] data) {
    JsonNode node = tree(data);
    JsonNode h = node.path("history");
    List<Flip> flips = new ArrayList<>();
    h.path("flips")
        .forEach(
            f ->
                flips.add(
                    new Flip(f.path("atMillis").asLong(), Backend.valueOf(text(f, "toward")))));
    ChangeHistory history =
        new ChangeHistory(
            optional(h, "lastChangeMillis"),
            h.has("lastDirection")
                ? Optional.of(Backend.valueOf(text(h, "lastDirection")))
                : Optional.empty(),
            flips,
            h.path("frozen").asBoolean(),
            h.path("resumeSeen").asLong(),
            h.has("yielded") ? Optional.of(override(h.path("yielded"))) : Optional.empty());
    JsonNode w = node.path("home");
    JsonNode s = node.path("spill");
    JsonNode p = node.path("prewarm");
    return new PolicyState.Snapshot(
        Phase.valueOf(text(node, "phase")),
        TrafficSplit.parse(text(node, "split")),
        node.path("freshRounds").asLong(),
        history,
        new HomeWatch(
            optional(w, "downSinceMillis"),
            optional(w, "upSinceMillis"),
            w.path("pausedNanos").asLong()),
        new SpillLevel(
            s.path("percent").asInt(),
            optional(s, "highSinceMillis"),
            optional(s, "lowSinceMillis"),
            optional(s, "lastStepMillis")),
        new PrewarmHold(p.path("held").asBoolean(), optional(p, "scfIdleSinceMillis")));
  }

  private static void override(ObjectNode node, OperatorOverride override) {
    switch (override.action()) {
      case OverrideAction.Pin pin -> node.put("pin", pin.backend().name());
      case OverrideAction.FixedSplit fixed -> node.put("split", fixed.split().toString());
      case OverrideAction.Pause pause -> node.put("pause", true);
    }
    node.put("actor", override.actor());
    node.put("reason", override.reason());
    node.put("expiresAtMillis", override.expiresAtNanos());
    node.put("forced", override.forced());
  }

  private static OperatorOverride override(JsonNode node) {
    OverrideAction action =
        node.has("pin")
            ? new OverrideAction.Pin(Backend.valueOf(text(node, "pin")))
            : node.has("split")
                ? new OverrideAction.FixedSplit(TrafficSplit.parse(text(node, "split")))
                : new OverrideAction.Pause();
    return new OperatorOverride(
        action,
        text(node, "actor"),
        text(node, "reason"),
        node.path("expiresAtMillis").asLong(),
        node.path("forced").asBoolean());
  }

  private static void put(ObjectNode node, String field, OptionalLong value) {
    value.ifPresent(v -> node.put(field, v));
  }

  private static OptionalLong optional(JsonNode node, String field) {
    return node.has(field) ? OptionalLong.of(node.path(field).asLong()) : OptionalLong.empty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no text field " + field + " in " + node);
    }
    return value.asText();
  }

  private static JsonNode tree(byte[] data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.sluice.sandbox.clb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How CLB objects look on the wire ({@code Listener}, {@code RuleOutput}, {@code Backend}, {@code
 * FunctionTarget}). Times are Beijing time, {@code yyyy-MM-dd HH:mm:ss}, as Tencent writes them.
 */
final class ClbWire {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));

  private ClbWire() {}

  static String time(Instant at) {
    return TIME.format(at);
  }

  static JsonObject listener(Listener l) {
    JsonObject out =
        new JsonObject()
            .put("ListenerId", l.listenerId())
            .put("ListenerName", l.name())
            .put("Protocol", l.protocol().name())
            .put("Port", l.port())
            .put("CreateTime", time(l.createdAt()))
            .put("Scheduler", "WRR")
            .put("SessionExpireTime", 0)
            .put("SniSwitch", 0)
            .put("TargetType", "NODE")
            .put("SessionType", "NORMAL");
    if (l.protocol().hasRules()) {
      JsonArray rules = new JsonArray();
      l.rules().forEach(r -> rules.add(ruleOutput(l, r)));
      out.put("Rules", rules);
    } else {
      out.putNull("Rules");
    }
    return out;
  }

  /** A rule in DescribeListeners; {@code TargetType} of an SCF-bound rule is UNCONFIRMED: NODE. */
  private static JsonObject ruleOutput(Listener l, Rule r) {
    return new JsonObject()
        .put("LocationId", r.locationId())
        .put("Domain", r.domain())
        .put("Url", r.url())
        .put("ListenerId", l.listenerId())
        .put("Scheduler", "WRR")
        .put("SessionExpireTime", 0)
        .put("ForwardType", "HTTP")
        .put("CreateTime", time(r.createdAt()))
        .put("TargetType", "NODE")
        .put("Domains", new JsonArray().add(r.domain()));
  }

  static JsonObject backend(CvmTarget t, String privateIp) {
    return new JsonObject()
        .put("Type", "CVM")
        .put("InstanceId", t.instanceId())
        .put("Port", t.port())
        .put("Weight", t.weight())
        .put("PublicIpAddresses", new JsonArray())
        .put(
            "PrivateIpAddresses",
            privateIp.isEmpty() ? new JsonArray() : new JsonArray().add(privateIp))
        .put("InstanceName", t.instanceId());
  }

  static JsonObject functionTarget(FunctionTarget f) {
    JsonObject function =
        new JsonObject()
            .put("FunctionNamespace", f.function().namespace())
            .put("FunctionName", f.function().name())
            .put("FunctionQualifier", f.function().qualifier())
            .put("FunctionQualifierType", f.qualifierType());
    return new JsonObject().put("Function", function).put("Weight", f.weight());
  }
}

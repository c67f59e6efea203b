package io.sluice.sandbox.scf;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How SCF objects look on the wire: {@code GetFunction}'s fields and Invoke's {@code Result}. Times
 * are Beijing time, {@code yyyy-MM-dd HH:mm:ss}.
 */
final class ScfWire {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));

  private ScfWire() {}

  static JsonObject function(ScfFunction f, String qualifier, String version) {
    return new JsonObject()
        .put("FunctionName", f.key().name())
        .put("FunctionId", f.functionId())
        .put("Namespace", f.key().namespace())
        .put("Qualifier", qualifier)
        .put("FunctionVersion", version)
        .put("Type", f.type().name())
        .put("Runtime", f.runtime())
        .put("Handler", f.handler())
        .put("MemorySize", f.memorySize())
        .put("Timeout", f.timeoutSeconds())
        .put("InitTimeout", 65)
        .put("Description", "")
        .put("CodeSize", 0)
        .put("ModTime", TIME.format(f.modTime()))
        .put("AddTime", TIME.format(f.addTime()))
        .put("Status", f.status().name())
        .put("StatusDesc", "")
        .put("StatusReasons", new JsonArray())
        .put("AvailableStatus", f.availableStatus())
        .put("Triggers", new JsonArray())
        .put("Tags", new JsonArray());
  }

  static JsonObject result(InvocationResult r, boolean withLog) {
    return new JsonObject()
        .put("Log", withLog ? r.log() : "")
        .put("RetMsg", r.retMsg())
        .put("ErrMsg", r.errMsg())
        .put("MemUsage", r.memUsageBytes())
        .put("Duration", r.durationMs())
        .put("BillDuration", r.billDurationMs())
        .put("FunctionRequestId", r.functionRequestId())
        .put("InvokeResult", r.invokeResult());
  }
}

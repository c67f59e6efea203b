package io.sluice.controller.ha.zk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.controller.ha.FencedRecords.Fenced;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.VerdictExchange.Report;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of what the group keeps in znodes. Verdicts are written {@code {svc: {cvm: "UP"}}},
 * backends by their config id; fenced data as base64.
 */
final class ZkJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ZkJson() {}

  static byte[] replicaInfo(ReplicaInfo info) {
    return write(info);
  }

  static ReplicaInfo replicaInfo(byte[] json) {
    return read(json, ReplicaInfo.class);
  }

  /**
   * A heartbeat: the replica as {@link #replicaInfo(byte[])} reads it, with its wall clock when it
   * wrote it (for {@link ClockCheck}).
   */
  static byte[] heartbeat(ReplicaInfo info, long wallMillis) {
    return write(new HeartbeatJson(info.name(), info.api(), wallMillis));
  }

  /** The wall clock a heartbeat carries; empty for a node without one. */
  static java.util.OptionalLong heartbeatWallMillis(byte[] json) {
    HeartbeatJson read = read(json, HeartbeatJson.class);
    return read.wallMillis() == null
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(read.wallMillis());
  }

  static byte[] fenced(Fenced fenced) {
    return write(fenced);
  }

  static Fenced fenced(byte[] json) {
    return read(json, Fenced.class);
  }

  static byte[] report(Report report) {
    Map<String, Map<String, String>> verdicts = new TreeMap<>();
    report
        .verdicts()
        .forEach(
            (service, byBackend) -> {
              Map<String, String> out = new TreeMap<>();
              byBackend.forEach((backend, verdict) -> out.put(backend.id(), verdict.name()));
              verdicts.put(service, out);
            });
    return write(new ReportJson(report.replica(), report.seq(), verdicts));
  }

  static Report report(byte[] json) {
    ReportJson read = read(json, ReportJson.class);
    Map<String, Map<Backend, Verdict>> verdicts = new LinkedHashMap<>();
    read.verdicts()
        .forEach(
            (service, byBackend) -> {
              Map<Backend, Verdict> in = new LinkedHashMap<>();
              byBackend.forEach(
                  (backend, verdict) -> in.put(Backend.fromId(backend), Verdict.valueOf(verdict)));
              verdicts.put(service, Map.copyOf(in));
            });
    return new Report(read.replica(), read.seq(), verdicts);
  }

  private static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + type.getSimpleName() + " in ZooKeeper", e);
    }
  }

  /** A report as written. */
  record HeartbeatJson(String name, String api, Long wallMillis) {}

  record ReportJson(String replica, long seq, Map<String, Map<String, String>> verdicts) {
    ReportJson {
      verdicts = verdicts == null ? Map.of() : verdicts;
    }
  }
}

package io.sluice.controller.ha.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.controller.ha.FencedRecords.Fenced;
import io.sluice.controller.ha.ReplicaInfo;
import io.sluice.controller.ha.VerdictExchange.Report;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the group writes in znodes reads back as written, in the layout HA-DESIGN.md gives. */
final class ZkJsonTest {

  @Test
  void aReportNamesBackendsByTheirConfigIds() {
    Report report =
        new Report(
            "zone-a",
            42,
            Map.of(
                "shop", Map.of(Backend.CVM, Verdict.DOWN, Backend.SCF, Verdict.UP),
                "blog", Map.of(Backend.CVM, Verdict.UNKNOWN)));

    byte[] json = ZkJson.report(report);

    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains(
            "\"replica\":\"zone-a\"", "\"seq\":42", "\"shop\":{\"cvm\":\"DOWN\",\"scf\":\"UP\"}");
    assertThat(ZkJson.report(json)).isEqualTo(report);
  }

  @Test
  void aHeartbeatReadsAsTheReplicaAndCarriesItsWallClock() {
    ReplicaInfo replica = new ReplicaInfo("zone-c", "http://10.0.0.3:7070");

    byte[] json = ZkJson.heartbeat(replica, 1_796_685_451_000L);

    assertThat(ZkJson.replicaInfo(json)).isEqualTo(replica);
    assertThat(ZkJson.heartbeatWallMillis(json)).hasValue(1_796_685_451_000L);
    assertThat(ZkJson.heartbeatWallMillis(ZkJson.replicaInfo(replica))).isEmpty();
  }

  @Test
  void aFencedRecordKeepsItsDataAsBase64() {
    byte[] data = {0, 1, 2, (byte) 0xff};
    Fenced fenced = new Fenced(7, "zone-b", 1_700_000_000_123L, data);

    byte[] json = ZkJson.fenced(fenced);
    Fenced read = ZkJson.fenced(json);

    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"data\":\"AAEC/w==\"");
    assertThat(read.epoch()).isEqualTo(7);
    assertThat(read.replica()).isEqualTo("zone-b");
    assertThat(read.groupMillis()).isEqualTo(1_700_000_000_123L);
    assertThat(read.data()).containsExactly(data);
  }

  @Test
  void aReplicaIsItsNameAndApi() {
    ReplicaInfo info = new ReplicaInfo("zone-c", "http://10.0.0.3:7070");

    assertThat(new String(ZkJson.replicaInfo(info), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"zone-c\",\"api\":\"http://10.0.0.3:7070\"}");
    assertThat(ZkJson.replicaInfo(ZkJson.replicaInfo(info))).isEqualTo(info);
  }

  @Test
  void theNamespaceLosesItsSlashes() {
    assertThat(ZkPaths.namespace("/sluice/")).isEqualTo("sluice");
    assertThat(ZkPaths.epochGrant(42)).isEqualTo("/epochs/0000000042");
  }
}

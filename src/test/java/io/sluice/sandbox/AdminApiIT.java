package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetsRequest;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordStatusRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults injected through the admin API show in the API and in live traffic. */
final class AdminApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private DemoWorld world;

  @BeforeEach
  void start() {
    world = new DemoWorld();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private HttpResponse<String> admin(String method, String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + world.sandbox.adminPort() + pathAndQuery);
    return HTTP.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStoppedInstanceDropsOutOfRotation() throws Exception {
    assertThat(admin("POST", "/admin/instances/ins-web00001/stop").statusCode()).isEqualTo(204);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              for (int i = 0; i < 4; i++) {
                assertThat(world.get("lb-sandbox1", "lbl-sandbox1").body())
                    .contains("ins-web00002");
              }
            });
  }

  @Test
  void anInjectedApiErrorIsSeenByTheSdkTheGivenNumberOfTimes() throws Exception {
    admin("POST", "/admin/faults/DescribeTargets?code=InternalError&message=boom&times=1");
    ClbClient clb = world.client(ClbClient.class);
    DescribeTargetsRequest request = new DescribeTargetsRequest();
    request.setLoadBalancerId("lb-sandbox1");

    assertThatThrownBy(() -> clb.DescribeTargets(request))
        .isInstanceOfSatisfying(
            TencentCloudSDKException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("InternalError"));
    assertThat(clb.DescribeTargets(request).getListeners()).hasSize(1);
  }

  @Test
  void aMalformedFunctionResponseBecomesClbsAnalyseError() throws Exception {
    admin("POST", "/admin/functions/default/demo-fallback/fault/malformed_output");

    DemoWorld.Reply reply = world.get("lb-sandbox2", "lbl-sandbox2");

    assertThat(reply.statusCode()).isEqualTo(403);
    assertThat(reply.body())
        .isEqualTo("{\"errno\":403,\"error\":\"Analyse scf response failed.\"}");
  }

  @Test
  void aHealedInstanceServesAtOnceThoughClientsGaveUpOnItWhileItHung() throws Exception {
    List<String> instances = List.of("ins-web00001", "ins-web00002");
    for (String id : instances) {
      admin("POST", "/admin/instances/" + id + "/hang");
    }
    // more impatient clients than the CLB keeps connections to both instances: the exchanges they
    // left behind must not hold those connections until the CLB's own response timeout
    for (int i = 0; i <= instances.size() * PoolOptions.DEFAULT_MAX_POOL_SIZE; i++) {
      assertThat(world.getImpatiently("lb-sandbox1", "lbl-sandbox1", Duration.ofMillis(100)))
          .as("request %d hangs", i)
          .isTrue();
    }

    for (String id : instances) {
      admin("POST", "/admin/instances/" + id + "/heal");
    }

    for (int i = 0; i < instances.size(); i++) {
      assertThat(world.get("lb-sandbox1", "lbl-sandbox1").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theMutationLogListsAcceptedWrites() throws Exception {
    ModifyRecordStatusRequest disable = new ModifyRecordStatusRequest();
    disable.setDomain("sluice.local");
    disable.setRecordId(1002L);
    disable.setStatus("DISABLE");
    String requestId = world.client(DnspodClient.class).ModifyRecordStatus(disable).getRequestId();

    JsonArray log = new JsonArray(admin("GET", "/admin/mutations").body());

    assertThat(log).hasSize(1);
    assertThat(log.getJsonObject(0).getString("action")).isEqualTo("ModifyRecordStatus");
    assertThat(log.getJsonObject(0).getString("requestId")).isEqualTo(requestId);
    assertThat(log.getJsonObject(0).getJsonObject("parameters").getString("Status"))
        .isEqualTo("DISABLE");
  }

  @Test
  void badInputIs400NamingTheParameterAndTheValue() throws Exception {
    HttpResponse<String> unknown = admin("POST", "/admin/instances/ins-nothere/stop");
    HttpResponse<String> kind = admin("POST", "/admin/faults/*?kind=boom");
    HttpResponse<String> status = admin("POST", "/admin/instances/ins-web00001/break?status=99");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("ins-nothere");
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(kind.body()).contains("kind: must be").contains("'boom'");
    assertThat(status.body()).contains("status: must be an integer 100-599, got '99'");
  }
}

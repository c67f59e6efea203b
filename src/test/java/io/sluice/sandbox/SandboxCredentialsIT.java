package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.Target;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.DescribeRecordListRequest;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordStatusRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One key per replica, through the official SDK: the admin API registers named keys, the mutation
 * log says which key made each write (so a checker can attribute every write to a replica), a
 * revoked key gets {@code AuthFailure} while the others keep working, and the routing history
 * records when a write took effect.
 */
final class SandboxCredentialsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private DemoWorld world;

  @BeforeEach
  void start() throws Exception {
    world = new DemoWorld();
    for (String replica : List.of("r1", "r2")) {
      HttpResponse<String> added =
          admin(
              "POST",
              "/admin/credentials",
              new JsonObject()
                  .put("name", replica)
                  .put("secretId", secretId(replica))
                  .put("secretKey", "key-of-" + replica)
                  .encode());
      assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
    }
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void theMutationLogNamesTheKeyOfEveryWriteInOrder() throws Exception {
    Instant before = Instant.now();
    String first = disable(client("r1", DnspodClient.class), 1002L, "DISABLE");
    String second = reweigh(client("r2", ClbClient.class), "ins-web00001", 0);
    String third = disable(client("r1", DnspodClient.class), 1002L, "ENABLE");

    JsonArray log = new JsonArray(admin("GET", "/admin/mutations", null).body());

    assertThat(log).hasSize(3);
    List<JsonObject> entries = log.stream().map(JsonObject.class::cast).toList();
    assertThat(entries)
        .extracting(e -> e.getString("requestId"))
        .containsExactly(first, second, third);
    assertThat(entries)
        .extracting(e -> e.getString("credential"))
        .containsExactly("r1", "r2", "r1");
    assertThat(entries)
        .extracting(e -> e.getString("secretId"))
        .containsExactly(secretId("r1"), secretId("r2"), secretId("r1"));
    assertThat(entries)
        .extracting(e -> e.getString("resource"))
        .containsExactly(
            "dns:sluice.local/1002",
            "clb:lb-sandbox1/lbl-sandbox1/loc-sandbox1",
            "dns:sluice.local/1002");
    assertThat(entries.get(1).getJsonObject("parameters").getJsonArray("Targets").encode())
        .contains("\"Weight\":0");
    assertThat(entries)
        .extracting(e -> Instant.parse(e.getString("time")))
        .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(before.minusMillis(1)))
        .isSorted();
  }

  @Test
  void aRevokedKeyGetsAuthFailureUntilRestoredWhileTheOthersWork() throws Exception {
    assertThat(admin("POST", "/admin/credentials/r1/revoke", null).statusCode()).isEqualTo(204);

    DnspodClient r1 = client("r1", DnspodClient.class);
    assertThatThrownBy(() -> disable(r1, 1002L, "DISABLE"))
        .isInstanceOfSatisfying(
            TencentCloudSDKException.class,
            e -> assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SecretIdNotFound"));
    assertThatThrownBy(() -> r1.DescribeRecordList(records()))
        .isInstanceOf(TencentCloudSDKException.class);
    assertThat(client("r2", DnspodClient.class).DescribeRecordList(records()).getRecordList())
        .isNotEmpty();
    assertThat(new JsonArray(admin("GET", "/admin/credentials", null).body()).encode())
        .contains("{\"name\":\"r1\",\"secretId\":\"" + secretId("r1") + "\",\"revoked\":true}")
        .contains("{\"name\":\"r2\",\"secretId\":\"" + secretId("r2") + "\",\"revoked\":false}");
    assertThat(new JsonArray(admin("GET", "/admin/mutations", null).body())).isEmpty();

    assertThat(admin("POST", "/admin/credentials/r1/restore", null).statusCode()).isEqualTo(204);

    disable(r1, 1002L, "DISABLE");
    assertThat(new JsonArray(admin("GET", "/admin/mutations", null).body())).hasSize(1);
  }

  @Test
  void theRoutingHistoryShowsWhenAClbWriteTookEffect() throws Exception {
    String rule = "clb:lb-sandbox1/lbl-sandbox1/loc-sandbox1";
    assertThat(changesOf(rule)).hasSize(1); // the seeded world
    assertThat(changesOf(rule).getFirst().getJsonObject("targets").getMap())
        .containsEntry("ins-web00001:80", 10)
        .containsEntry("ins-web00002:80", 10);

    reweigh(client("r1", ClbClient.class), "ins-web00001", 0);

    // the change shows once the write's task completed, not when it was accepted
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(changesOf(rule)).hasSize(2));
    assertThat(changesOf(rule).getLast().getJsonObject("targets").getMap())
        .containsEntry("ins-web00001:80", 0)
        .containsEntry("ins-web00002:80", 10);
    disable(client("r2", DnspodClient.class), 1001L, "DISABLE");
    assertThat(changesOf("dns:demo.sluice.local/A").getLast().getJsonObject("targets").getMap())
        .containsOnlyKeys("1002 127.0.0.2")
        .containsEntry("1002 127.0.0.2", 0);
  }

  @Test
  void badCredentialInputIs400NamingIt() throws Exception {
    HttpResponse<String> missing =
        admin("POST", "/admin/credentials", new JsonObject().put("name", "r3").encode());
    HttpResponse<String> unknown = admin("POST", "/admin/credentials/r9/revoke", null);

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("secretId: is required");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no key is named 'r9'");
  }

  private List<JsonObject> changesOf(String resource) throws Exception {
    return new JsonArray(admin("GET", "/admin/routing", null).body())
        .stream()
            .map(JsonObject.class::cast)
            .filter(c -> c.getString("resource").equals(resource))
            .toList();
  }

  private static String secretId(String replica) {
    return "AKIDREPLICA" + replica.toUpperCase() + "0000000000000000000000";
  }

  private <T> T client(String replica, Class<T> type) throws Exception {
    HttpProfile http = new HttpProfile();
    http.setEndpoint(world.sandbox.apiEndpoint());
    http.setProtocol(HttpProfile.REQ_HTTP);
    http.setConnTimeout(5);
    http.setReadTimeout(10);
    http.setWriteTimeout(10);
    return type.getConstructor(Credential.class, String.class, ClientProfile.class)
        .newInstance(
            new Credential(secretId(replica), "key-of-" + replica),
            world.sandbox.region(),
            new ClientProfile(ClientProfile.SIGN_TC3_256, http));
  }

  private static String disable(DnspodClient dns, long recordId, String status)
      throws TencentCloudSDKException {
    ModifyRecordStatusRequest request = new ModifyRecordStatusRequest();
    request.setDomain("sluice.local");
    request.setRecordId(recordId);
    request.setStatus(status);
    return dns.ModifyRecordStatus(request).getRequestId();
  }

  private static DescribeRecordListRequest records() {
    DescribeRecordListRequest request = new DescribeRecordListRequest();
    request.setDomain("sluice.local");
    return request;
  }

  private static String reweigh(ClbClient clb, String instance, long weight)
      throws TencentCloudSDKException {
    Target target = new Target();
    target.setInstanceId(instance);
    target.setPort(80L);
    target.setWeight(weight);
    ModifyTargetWeightRequest request = new ModifyTargetWeightRequest();
    request.setLoadBalancerId("lb-sandbox1");
    request.setListenerId("lbl-sandbox1");
    request.setLocationId("loc-sandbox1");
    request.setTargets(new Target[] {target});
    return clb.ModifyTargetWeight(request).getRequestId();
  }

  private HttpResponse<String> admin(String method, String pathAndQuery, String body)
      throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + world.sandbox.adminPort() + pathAndQuery);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetHealthRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusRequest;
import com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.Target;
import com.tencentcloudapi.clb.v20180317.models.TargetHealth;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.KeyValue;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordFieldsRequest;
import com.tencentcloudapi.scf.v20180416.ScfClient;
import com.tencentcloudapi.scf.v20180416.models.InvokeRequest;
import io.sluice.testing.DnsQuery;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * The demo world end to end: the official SDK changes the emulated cloud over the wire protocol,
 * and the change shows in real HTTP and DNS traffic on loopback.
 */
final class SandboxIT {
  private static final String HOST = DemoWorld.HOST;
  private static DemoWorld world;
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    world = new DemoWorld();
    sandbox = world.sandbox;
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  private static <T> T client(Class<T> type) throws Exception {
    return world.client(type);
  }

  private static DemoWorld.Reply get(String lb, String listener) throws Exception {
    return world.get(lb, listener);
  }

  @Test
  void tencentsHelloClbFunctionAnswersThroughTheScfVip() throws Exception {
    DemoWorld.Reply reply = get("lb-sandbox2", "lbl-sandbox2");

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers()).containsEntry("content-type", "text/html");
    assertThat(reply.body()).isEqualTo("<html><body><h1>Hello CLB</h1></body></html>");
  }

  @Test
  void invokeRunsTheSameFunctionThroughTheScfApi() throws Exception {
    InvokeRequest invoke = new InvokeRequest();
    invoke.setFunctionName("demo-fallback");
    invoke.setClientContext("{}");

    String returned = client(ScfClient.class).Invoke(invoke).getResult().getRetMsg();

    assertThat(new io.vertx.core.json.JsonObject(returned).getInteger("statusCode")).isEqualTo(200);
    assertThat(returned).contains("Hello CLB");
  }

  @Test
  void aWeightChangeThroughTheSdkMovesRealTraffic() throws Exception {
    ClbClient clb = client(ClbClient.class);
    ModifyTargetWeightRequest modify = new ModifyTargetWeightRequest();
    modify.setLoadBalancerId("lb-sandbox1");
    modify.setListenerId("lbl-sandbox1");
    modify.setLocationId("loc-sandbox1");
    Target web1 = new Target();
    web1.setInstanceId("ins-web00001");
    web1.setPort(80L);
    web1.setWeight(0L);
    modify.setTargets(new Target[] {web1});

    String task = clb.ModifyTargetWeight(modify).getRequestId();
    DescribeTaskStatusRequest status = new DescribeTaskStatusRequest();
    status.setTaskId(task);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> clb.DescribeTaskStatus(status).getStatus() == 0L);

    Map<String, Integer> served = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      String body = get("lb-sandbox1", "lbl-sandbox1").body();
      served.merge(body.contains("ins-web00001") ? "web-1" : "web-2", 1, Integer::sum);
    }
    assertThat(served).containsExactly(Map.entry("web-2", 6));
  }

  @Test
  void aDnsWeightChangeMovesTheAnswer() throws Exception {
    assertThat(answer()).isEqualTo("127.0.0.1");

    DnspodClient dnspod = client(DnspodClient.class);
    for (long[] change : new long[][] {{1001, 0}, {1002, 100}}) {
      ModifyRecordFieldsRequest fields = new ModifyRecordFieldsRequest();
      fields.setDomain("sluice.local");
      fields.setRecordId(change[0]);
      KeyValue weight = new KeyValue();
      weight.setKey("weight");
      weight.setValue(Long.toString(change[1]));
      fields.setFieldList(new KeyValue[] {weight});
      dnspod.ModifyRecordFields(fields);
    }

    assertThat(answer()).isEqualTo("127.0.0.2");
  }

  private String answer() throws Exception {
    List<Record> records = DnsQuery.a(sandbox.dnsPort(), HOST).getSection(Section.ANSWER);
    assertThat(records).as("answer for %s", HOST).hasSize(1);
    return records.getFirst().rdataToString();
  }

  @Test
  void stoppingEveryCvmInstanceFailsRequestsAndTheClbReportsThemDead() throws Exception {
    sandbox.instances().stop("ins-web00001");
    sandbox.instances().stop("ins-web00002");
    sandbox.reconcileInstances();
    ClbClient clb = client(ClbClient.class);
    DescribeTargetHealthRequest health = new DescribeTargetHealthRequest();
    health.setLoadBalancerIds(new String[] {"lb-sandbox1"});

    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                TargetHealth[] targets =
                    clb.DescribeTargetHealth(health)
                        .getLoadBalancers()[0]
                        .getListeners()[0]
                        .getRules()[0]
                        .getTargets();
                assertThat(Arrays.stream(targets).map(TargetHealth::getHealthStatusDetail))
                    .containsOnly("Dead");
              });
      // Both dead: CLB fails open to all of them, so requests reach dead servers and fail.
      assertThat(get("lb-sandbox1", "lbl-sandbox1").statusCode()).isEqualTo(502);
    } finally {
      sandbox.instances().start("ins-web00001");
      sandbox.instances().start("ins-web00002");
      sandbox.reconcileInstances();
    }
  }
}

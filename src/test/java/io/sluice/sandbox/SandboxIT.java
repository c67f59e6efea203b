package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.clb.v20180317.ClbClient;
import com.tencentcloudapi.clb.v20180317.models.DescribeTargetHealthRequest;
import com.tencentcloudapi.clb.v20180317.models.DescribeTaskStatusRequest;
import com.tencentcloudapi.clb.v20180317.models.ModifyTargetWeightRequest;
import com.tencentcloudapi.clb.v20180317.models.Target;
import com.tencentcloudapi.clb.v20180317.models.TargetHealth;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.dnspod.v20210323.DnspodClient;
import com.tencentcloudapi.dnspod.v20210323.models.KeyValue;
import com.tencentcloudapi.dnspod.v20210323.models.ModifyRecordFieldsRequest;
import com.tencentcloudapi.scf.v20180416.ScfClient;
import com.tencentcloudapi.scf.v20180416.models.InvokeRequest;
import io.sluice.sandbox.scenario.SandboxScenario;
import io.sluice.sandbox.scenario.ScenarioLoader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The demo world end to end: the official SDK changes the emulated cloud over the wire protocol,
 * and the change shows in real HTTP and DNS traffic on loopback.
 */
final class SandboxIT {
  private static final String HOST = "demo.sluice.local";
  private static Sandbox sandbox;

  @BeforeAll
  static void start() throws Exception {
    SandboxScenario world = ScenarioLoader.load(Path.of("examples/sandbox/demo-world.yaml"));
    sandbox = Sandbox.start(world, Path.of("."));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static <T> T client(Class<T> type) throws Exception {
    HttpProfile http = new HttpProfile();
    http.setEndpoint(sandbox.apiEndpoint());
    http.setProtocol(HttpProfile.REQ_HTTP);
    http.setConnTimeout(5);
    http.setReadTimeout(10);
    http.setWriteTimeout(10);
    var credentials = sandbox.scenario().credentials().getFirst();
    Credential credential = new Credential(credentials.secretId(), credentials.secretKey());
    return type.getConstructor(Credential.class, String.class, ClientProfile.class)
        .newInstance(
            credential, sandbox.region(), new ClientProfile(ClientProfile.SIGN_TC3_256, http));
  }

  /** A reply from a VIP: status, headers (lower-case names) and body. */
  private record Reply(int statusCode, Map<String, String> headers, String body) {}

  /**
   * A plain HTTP/1.1 GET with the service's Host header, as a browser resolving the domain to the
   * VIP would send it (the JDK's clients refuse to set Host themselves).
   */
  private static Reply get(String lb, String listener) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", sandbox.vipPort(lb, listener))) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] headAndBody = raw.split("\r\n\r\n", 2);
      String[] lines = headAndBody[0].split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] kv = lines[i].split(":", 2);
        headers.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
      }
      return new Reply(
          Integer.parseInt(lines[0].split(" ")[1]),
          headers,
          headAndBody.length > 1 ? headAndBody[1] : "");
    }
  }

  @Test
  void tencentsHelloClbFunctionAnswersThroughTheScfVip() throws Exception {
    Reply reply = get("lb-sandbox2", "lbl-sandbox2");

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
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(sandbox.dnsPort());
    assertThat(answer(resolver)).isEqualTo("127.0.0.1");

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

    assertThat(answer(resolver)).isEqualTo("127.0.0.2");
  }

  private static String answer(SimpleResolver resolver) throws Exception {
    Lookup lookup = new Lookup(HOST + ".", Type.A);
    lookup.setResolver(resolver);
    lookup.setCache(null);
    Record[] records = lookup.run();
    assertThat(records).as("answer for %s: %s", HOST, lookup.getErrorString()).hasSize(1);
    return ((ARecord) records[0]).getAddress().getHostAddress();
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

package io.sluice.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.sandbox.dataplane.clb.ClbTriggerSettings;
import io.sluice.sandbox.dataplane.clb.HealthCheckSettings;
import io.sluice.sandbox.dataplane.clb.IntegrationResponse;
import io.sluice.sandbox.dataplane.clb.TargetHealth;
import io.sluice.sandbox.dataplane.clb.TargetKey;
import io.sluice.sandbox.dataplane.clb.VipListenerSpec;
import io.sluice.sandbox.dataplane.clb.VipSettings;
import io.sluice.sandbox.dataplane.cvm.InstanceBehaviour;
import io.sluice.sandbox.dataplane.functions.FunctionCode;
import io.sluice.sandbox.dataplane.functions.FunctionFault;
import io.sluice.sandbox.dataplane.functions.FunctionSpec;
import io.sluice.sandbox.dataplane.routing.CvmTarget;
import io.sluice.sandbox.dataplane.routing.FunctionRef;
import io.sluice.sandbox.dataplane.routing.L7Rule;
import io.sluice.sandbox.dataplane.routing.ListenerKey;
import io.sluice.sandbox.dataplane.routing.RuleBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Real HTTP through a VIP to real CVM servers and real Python functions, all on loopback. */
// Counts the JVM's python processes to prove workers are released, so no other test class (such as
// SandboxIT, whose sandbox runs workers too) may run beside it.
@Isolated
final class DataPlaneIT {

  private static final ListenerKey LISTENER = new ListenerKey("lb-1", "lbl-1");
  private static final String HOST = "www.example.com";
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(400);
  private static final FunctionRef HELLO = new FunctionRef("default", "hello-clb", "$LATEST");

  private final FakeControlPlane control = new FakeControlPlane();
  private Vertx vertx;
  private DataPlane plane;
  private HttpClient client;
  private int vip;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    DataPlaneSettings settings =
        DataPlaneSettings.DEFAULTS
            .withVip(new VipSettings(Duration.ofSeconds(1), RESPONSE_TIMEOUT, 503))
            .withHealthCheck(
                new HealthCheckSettings(Duration.ofMillis(50), Duration.ofMillis(200), 2, 2, "/"));
    plane = new DataPlane(vertx, control.ports(), settings, Clock.systemUTC());
    done(plane.start());
    vip = done(plane.openListener(new VipListenerSpec(LISTENER, "10.0.0.10", 80)));
    client = vertx.createHttpClient();
  }

  @AfterEach
  void close() throws Exception {
    done(client.close());
    done(plane.close());
    done(vertx.close());
    assertThat(pythonProcesses()).isEmpty();
  }

  @Test
  void servesTencentsHelloClbPythonExampleThroughTheVip() throws Exception {
    bindFunction(
        HELLO,
        FunctionSpec.of(
            HELLO,
            new FunctionCode.Python(
                Path.of("examples/functions/hello-clb"), "index.main_handler")));

    Reply reply = send(HttpMethod.GET, "/hello", null, null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/html");
    assertThat(reply.text()).isEqualTo("<html><body><h1>Hello CLB</h1></body></html>");
    assertThat(control.traffic)
        .containsExactly(
            new FakeControlPlane.Traffic(HOST, "/", "default/hello-clb/$LATEST", 0, 200));
  }

  @Test
  void roundTripsABinaryBodyThroughBase64InAPythonEchoFunction() throws Exception {
    FunctionRef echo = new FunctionRef("default", "echo-binary", "$LATEST");
    bindFunction(
        echo,
        FunctionSpec.of(
            echo,
            new FunctionCode.Python(
                Path.of("examples/functions/echo-binary"), "index.main_handler")));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, (byte) 0xfe};

    Reply reply = send(HttpMethod.POST, "/echo", "application/octet-stream", png);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(reply.body()).containsExactly(png);
  }

  @Test
  void roundTripsABinaryBodyThroughTheBuiltInEcho() throws Exception {
    FunctionRef echo = new FunctionRef("default", "echo", "$LATEST");
    bindFunction(echo, FunctionSpec.of(echo, new FunctionCode.Echo()));
    byte[] bytes = {0, 1, 2, (byte) 0x80, (byte) 0xff};

    Reply reply = send(HttpMethod.POST, "/echo", "application/octet-stream", bytes);

    assertThat(reply.body()).containsExactly(bytes);
  }

  @Test
  void answersTheAnalyseFailedErrorForAMalformedFunctionResponse() throws Exception {
    FunctionRef broken = new FunctionRef("default", "broken", "$LATEST");
    bindFunction(
        broken,
        new FunctionSpec(
            broken,
            new FunctionCode.Echo(),
            FunctionFault.MALFORMED_OUTPUT,
            Duration.ofSeconds(3)));

    Reply reply = send(HttpMethod.GET, "/", null, null);

    assertThat(reply.status()).isEqualTo(ClbTriggerSettings.DEFAULT_MALFORMED_RESPONSE_STATUS);
    assertThat(reply.text()).isEqualTo(IntegrationResponse.ANALYSE_FAILED_BODY);
  }

  @Test
  void killsAPythonFunctionThatRunsPastItsTimeoutAndAnswers504(@TempDir Path code)
      throws Exception {
    Files.writeString(
        code.resolve("index.py"),
        "import time\ndef main_handler(event, context):\n    time.sleep(60)\n");
    FunctionRef slow = new FunctionRef("default", "slow", "$LATEST");
    bindFunction(
        slow,
        new FunctionSpec(
            slow,
            new FunctionCode.Python(code, "index.main_handler"),
            FunctionFault.NONE,
            Duration.ofMillis(1500)));

    Reply reply = send(HttpMethod.GET, "/", null, null);

    assertThat(reply.status()).isEqualTo(ClbTriggerSettings.DEFAULT_FUNCTION_TIMEOUT_STATUS);
    await().atMost(Duration.ofSeconds(5)).until(() -> pythonProcesses().isEmpty());
  }

  @Test
  void startsAPythonWorkerOnFirstUseAndReusesItWarm() throws Exception {
    FunctionSpec hello =
        FunctionSpec.of(
            HELLO,
            new FunctionCode.Python(Path.of("examples/functions/hello-clb"), "index.main_handler"));
    String event = "{\"headers\":{},\"payload\":\"\",\"isBase64Encoded\":\"false\"}";

    var cold = done(plane.functions().invoke(hello, event));
    var warm = done(plane.functions().invoke(hello, event));

    assertThat(cold)
        .isInstanceOfSatisfying(
            io.sluice.sandbox.dataplane.functions.InvocationResult.Returned.class,
            r -> assertThat(r.coldStart()).isTrue());
    assertThat(warm)
        .isInstanceOfSatisfying(
            io.sluice.sandbox.dataplane.functions.InvocationResult.Returned.class,
            r -> assertThat(r.coldStart()).isFalse());
    System.out.printf(
        "python cold start %d ms, warm call %d us%n",
        cold.duration().toMillis(), warm.duration().toNanos() / 1000);
    assertThat(pythonProcesses()).hasSize(1);
  }

  @Test
  void spreadsRequestsInProportionToWeightsOverAFullCycle() throws Exception {
    bindCvms(
        new CvmTarget("ins-a", "10.0.1.1", 80, 50),
        new CvmTarget("ins-b", "10.0.1.2", 80, 30),
        new CvmTarget("ins-c", "10.0.1.3", 80, 20),
        new CvmTarget("ins-off", "10.0.1.4", 80, 0));
    awaitHealth(TargetHealth.ALIVE, "ins-a", "ins-b", "ins-c");

    List<String> servedBy = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Reply reply = send(HttpMethod.GET, "/", null, null);
      assertThat(reply.status()).isEqualTo(200);
      servedBy.add(reply.text().replaceAll(".*\"instance\":\"([^\"]+)\".*", "$1"));
    }
    // weights 50/30/20 reduce to a cycle of 10: 5, 3 and 2 picks
    assertThat(
            servedBy.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ins-a", 5L, "ins-b", 3L, "ins-c", 2L));
  }

  @Test
  void answers502WhenEveryTargetIsStoppedAndReportsThemDead() throws Exception {
    bindCvms(
        new CvmTarget("ins-a", "10.0.1.1", 80, 10), new CvmTarget("ins-b", "10.0.1.2", 80, 10));
    awaitHealth(TargetHealth.ALIVE, "ins-a", "ins-b");

    control.instances.put("ins-a", new InstanceBehaviour.Stopped());
    control.instances.put("ins-b", new InstanceBehaviour.Stopped());
    done(plane.reconcileInstances());
    awaitHealth(TargetHealth.DEAD, "ins-a", "ins-b");

    assertThat(send(HttpMethod.GET, "/", null, null).status()).isEqualTo(502);
    assertThat(send(HttpMethod.GET, "/", null, null).status()).isEqualTo(502);
    assertThat(control.traffic)
        .last()
        .as("the CLB's own answer names no target")
        .extracting(FakeControlPlane.Traffic::status, FakeControlPlane.Traffic::targetIp)
        .containsExactly(502, "");
  }

  @Test
  void sendsTrafficOnlyToTheLiveTargetOnceTheOtherIsDead() throws Exception {
    bindCvms(
        new CvmTarget("ins-a", "10.0.1.1", 80, 10), new CvmTarget("ins-b", "10.0.1.2", 80, 10));
    awaitHealth(TargetHealth.ALIVE, "ins-a", "ins-b");

    control.instances.put("ins-a", new InstanceBehaviour.Broken(503));
    awaitHealth(TargetHealth.DEAD, "ins-a");

    for (int i = 0; i < 4; i++) {
      Reply reply = send(HttpMethod.GET, "/", null, null);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text()).contains("ins-b");
    }
  }

  /**
   * The CLB's own 504, and only once its response timeout has run: the hung target never answers.
   */
  @Test
  void answers504AtTheResponseTimeoutWhenTheTargetHangs() throws Exception {
    control.instances.put("ins-h", new InstanceBehaviour.Hung());
    bindCvms(new CvmTarget("ins-h", "10.0.1.9", 80, 10));

    long started = System.nanoTime();
    Reply reply = send(HttpMethod.GET, "/", null, null);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(reply.status()).isEqualTo(504);
    assertThat(took).isGreaterThanOrEqualTo(RESPONSE_TIMEOUT);
    assertThat(control.traffic)
        .last()
        .as("the CLB's own answer names no target")
        .extracting(FakeControlPlane.Traffic::targetIp)
        .isEqualTo("");
  }

  @Test
  void answers404WhenNoRuleMatches() throws Exception {
    bindCvms(new CvmTarget("ins-a", "10.0.1.1", 80, 10));

    assertThat(send(HttpMethod.GET, "/", null, null, "other.example.org").status()).isEqualTo(404);
  }

  @Test
  void instanceServersNameTheInstanceAndCountRequests() throws Exception {
    control.instances.put("ins-1", InstanceBehaviour.Serving.withDefaultBody());
    done(plane.reconcileInstances());
    int port = plane.instancePort("ins-1").orElseThrow();

    Buffer body =
        done(
            client
                .request(HttpMethod.GET, port, "127.0.0.1", "/")
                .compose(r -> r.send().compose(HttpClientResponse::body)));

    assertThat(body.toString()).isEqualTo("{\"instance\":\"ins-1\",\"served\":1}");
  }

  // --- helpers

  record Reply(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private void bindFunction(FunctionRef ref, FunctionSpec spec) {
    control.functions.put(ref, spec);
    control.rules.put(
        LISTENER, List.of(new L7Rule("loc-1", HOST, "/", new RuleBackends.Function(ref))));
  }

  private void bindCvms(CvmTarget... targets) throws Exception {
    for (CvmTarget target : targets) {
      control.instances.putIfAbsent(
          target.instanceId(), InstanceBehaviour.Serving.withDefaultBody());
    }
    done(plane.reconcileInstances());
    control.rules.put(
        LISTENER, List.of(new L7Rule("loc-1", HOST, "/", new RuleBackends.Cvms(List.of(targets)))));
  }

  private void awaitHealth(TargetHealth expected, String... instanceIds) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (String id : instanceIds) {
                assertThat(control.health.get(new TargetKey("lb-1", "lbl-1", "loc-1", id, 80)))
                    .as(id)
                    .isEqualTo(expected);
              }
            });
  }

  private Reply send(HttpMethod method, String path, String contentType, byte[] body)
      throws Exception {
    return send(method, path, contentType, body, HOST);
  }

  private Reply send(HttpMethod method, String path, String contentType, byte[] body, String host)
      throws Exception {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(vip).setURI(path);
    if (contentType != null) {
      options.putHeader("Content-Type", contentType);
    }
    // body() is asked for inside the callback that gets the response, on its event loop: chained
    // from this thread instead (.compose(r -> r.body()) after the send), it can run after Vert.x
    // delivered the response's end, and then it never completes; that hung this test at random
    return done(
        client
            .request(options)
            .compose(
                request -> {
                  request.authority(HostAndPort.create(host, 80));
                  Future<HttpClientResponse> sent =
                      body == null ? request.send() : request.send(Buffer.buffer(body));
                  return sent.compose(response -> response.body().map(b -> reply(response, b)));
                }));
  }

  private static Reply reply(HttpClientResponse response, Buffer body) {
    Map<String, String> headers = new java.util.HashMap<>();
    response
        .headers()
        .forEach(
            h -> headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    return new Reply(response.statusCode(), headers, body.getBytes());
  }

  static List<ProcessHandle> pythonProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().orElse("").contains("python"))
        .toList();
  }

  static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}

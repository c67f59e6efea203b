package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.api.Tokens;
import io.sluice.controller.disk.ScriptedDisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue item 3: the disk never waits on the deciding context. The demo daemon's state directory
 * sits on a disk the test holds: every fsync waits until the test lets it go. Meanwhile probe
 * results still arrive and change a verdict, and {@code /metrics} and {@code /readyz} answer; the
 * override being set through the API answers only after the disk has let its writes through.
 */
final class SlowDiskIT {
  private static final String ANSWERED = "API answered";
  // examples/demo/sluice.yaml's admin token: its hash comes in as SLUICE_DEMO_TOKEN_SHA256
  private static final String DEMO_TOKEN = Tokens.generate();
  private static final String CVM_DOWN =
      "sluice_backend_verdict{backend=\"cvm\",service=\"shop\",verdict=\"DOWN\"} 1.0";
  // probes rise 2 x 1s, warm-up ticks; then slack for a shared CI machine
  private static final Duration READY_BOUND = Duration.ofSeconds(30);
  // fall 3 x 1s probes and the instance-state signal every 2 s; then slack
  private static final Duration VERDICT_BOUND = Duration.ofSeconds(3 + 2 + 20);
  // what one status request may take on a busy machine; the disk is held far longer
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);
  // the override's request waits for the held disk as long as the test holds it
  private static final Duration HELD_BOUND = READY_BOUND.plus(VERDICT_BOUND).multipliedBy(2);

  @TempDir Path stateDir;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final ScriptedDisk disk = new ScriptedDisk(events::add);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private SandboxDaemon sluice;

  @AfterEach
  void stop() {
    disk.release();
    if (sluice != null) {
      sluice.close();
    }
    http.close();
  }

  @Test
  void probesScrapesAndReadinessFlowWhileTheDiskHoldsAnOverrideThatAnswersOnlyAfterIt()
      throws Exception {
    sluice =
        SandboxDaemon.start(
            SandboxDaemon.demoWorld(),
            Path.of("examples", "demo", "sluice.yaml"),
            stateDir,
            Clock.systemUTC(),
            Map.of("SLUICE_DEMO_TOKEN_SHA256", Tokens.sha256(DEMO_TOKEN)),
            disk);
    await().atMost(READY_BOUND).until(() -> get("/readyz").statusCode() == 200);

    disk.hold();
    CompletableFuture<HttpResponse<String>> pin =
        http.sendAsync(
                request("/v1/services/shop/override")
                    .timeout(HELD_BOUND)
                    .header("Authorization", "Bearer " + DEMO_TOKEN)
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"pin\":\"scf\",\"ttl\":\"10m\",\"reason\":\"disk test\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .whenComplete((answer, failure) -> events.add(ANSWERED));
    await().atMost(ANSWER_BOUND).until(() -> disk.waiting() > 0);

    // the deciding context goes on: probe results change a verdict, scrapes and /readyz answer
    long ticks = sluice.ticks();
    sluice.sandbox().instances().stop("ins-shop0001");
    sluice.sandbox().instances().stop("ins-shop0002");
    sluice.sandbox().reconcileInstances();
    await().atMost(VERDICT_BOUND).until(() -> get("/metrics").body().contains(CVM_DOWN));
    assertThat(get("/readyz").statusCode()).isIn(200, 503);
    assertThat(sluice.ticks()).as("ticks went on").isGreaterThan(ticks);
    assertThat(disk.waiting()).as("the disk is still held").isPositive();
    assertThat(pin).as("the override waits for its fsync").isNotDone();

    disk.release();

    HttpResponse<String> answer = pin.get(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    // the overrides file, then its audit entry, went through before the answer
    assertThat(events)
        .containsSubsequence(
            ScriptedDisk.HELD,
            ScriptedDisk.RELEASED,
            ScriptedDisk.FORCED,
            ScriptedDisk.FORCED,
            ANSWERED);
    assertThat(events.indexOf(ANSWERED)).isGreaterThan(events.indexOf(ScriptedDisk.RELEASED));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + sluice.daemon().httpPort() + path))
        .timeout(ANSWER_BOUND);
  }

  /** A status request; it fails the test if it does not answer within the bound. */
  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}

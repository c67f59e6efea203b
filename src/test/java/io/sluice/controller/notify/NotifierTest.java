package io.sluice.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.controller.config.NotificationsConfig;
import io.sluice.controller.config.NotificationsConfig.Event;
import io.sluice.controller.config.NotificationsConfig.Format;
import io.sluice.controller.config.NotificationsConfig.Severity;
import io.sluice.controller.config.NotificationsConfig.Webhook;
import io.sluice.meters.MeterNames;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery against a real local receiver: bodies, retries, filters and the queue bound. */
final class NotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration BACKOFF = Duration.ofMillis(100);
  private static final Instant AT = Instant.parse("2026-11-11T12:00:00Z");

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WebhookReceiver receiver;

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void postsTheServiceBeforeAfterReasonAndADashboardLink() throws Exception {
    receiver = new WebhookReceiver(n -> 200);
    Notifications notifier =
        notifier(
            new NotificationsConfig(
                10,
                Optional.of("http://grafana.local/d/sluice-overview"),
                List.of(webhook(Format.JSON, Severity.INFO, 0))));

    notifier.publish(failover());

    await().atMost(bound(0)).until(() -> count("delivered") == 1);
    JsonNode body = JSON.readTree(receiver.bodies().getFirst());
    assertThat(body.path("event").asText()).isEqualTo("traffic");
    assertThat(body.path("severity").asText()).isEqualTo("warning");
    assertThat(body.path("service").asText()).isEqualTo("shop");
    assertThat(body.path("before").asText()).isEqualTo("cvm=100,scf=0");
    assertThat(body.path("after").asText()).isEqualTo("cvm=0,scf=100");
    assertThat(body.path("reason").asText()).startsWith("failover:");
    assertThat(body.path("links").path("dashboard").asText())
        .isEqualTo("http://grafana.local/d/sluice-overview?var-service=shop");
  }

  @Test
  void retriesAfterTheReceiverFails() throws Exception {
    receiver = new WebhookReceiver(n -> n == 0 ? 503 : 200);
    Notifications notifier = notifier(config(webhook(Format.JSON, Severity.INFO, 2)));

    notifier.publish(failover());

    await().atMost(bound(2)).until(() -> count("delivered") == 1);
    assertThat(receiver.bodies()).hasSize(2);
    assertThat(receiver.bodies().get(1)).isEqualTo(receiver.bodies().get(0));
    assertThat(count("failed")).isZero();
  }

  @Test
  void givesUpAfterTheRetriesAndCountsTheFailure() throws Exception {
    receiver = new WebhookReceiver(n -> 500);
    Notifications notifier = notifier(config(webhook(Format.JSON, Severity.INFO, 1)));

    notifier.publish(failover());

    await().atMost(bound(1)).until(() -> count("failed") == 1);
    assertThat(receiver.bodies()).hasSize(2);
    assertThat(count("delivered")).isZero();
  }

  @Test
  void aWeComErrcodeIsAFailureThatIsRetried() throws Exception {
    // WeCom answers 200 with a non-zero errcode when it refuses a message
    receiver =
        new WebhookReceiver(
            n -> 200,
            n ->
                n == 0
                    ? "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"
                    : "{\"errcode\":0,\"errmsg\":\"ok\"}");
    Notifications notifier = notifier(config(webhook(Format.WECOM, Severity.INFO, 1)));

    notifier.publish(failover());

    await().atMost(bound(1)).until(() -> count("delivered") == 1);
    assertThat(receiver.bodies()).hasSize(2);
    JsonNode body = JSON.readTree(receiver.bodies().getFirst());
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.path("markdown").path("content").asText())
        .contains("shop traffic: cvm=100,scf=0 -> cvm=0,scf=100");
  }

  @Test
  void sendsOnlyWhatReachesTheWebhooksSeverityAndEvents() throws Exception {
    receiver = new WebhookReceiver(n -> 200);
    Webhook warningsOfTraffic =
        new Webhook(
            "chat",
            receiver.url(),
            Format.SLACK,
            Severity.WARNING,
            List.of(Event.TRAFFIC, Event.PHASE),
            TIMEOUT,
            0,
            BACKOFF);
    Notifications notifier = notifier(config(warningsOfTraffic));

    notifier.publish(phase(Severity.INFO, "WARMING", "NORMAL"));
    notifier.publish(
        new Notification(
            Event.ACTUATION, Severity.CRITICAL, "shop", "shop", "", "", "refused", AT, Map.of()));
    notifier.publish(phase(Severity.CRITICAL, "FAILED_OVER", "FROZEN"));

    await().atMost(bound(0)).until(() -> count("delivered") == 1);
    assertThat(count("filtered")).isEqualTo(2);
    assertThat(receiver.bodies()).hasSize(1);
    assertThat(JSON.readTree(receiver.bodies().getFirst()).path("text").asText())
        .startsWith("*Sluice* CRITICAL shop phase: FAILED_OVER -> FROZEN");
  }

  @Test
  void aFullQueueDropsAndCountsWithoutWaiting() throws Exception {
    receiver = new WebhookReceiver(n -> 0); // never answers
    Webhook slow =
        new Webhook(
            "slow",
            receiver.url(),
            Format.JSON,
            Severity.INFO,
            List.of(Event.values()),
            Duration.ofSeconds(30),
            0,
            BACKOFF);
    Notifications notifier = notifier(new NotificationsConfig(1, Optional.empty(), List.of(slow)));

    long started = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      notifier.publish(failover());
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);

    // one in flight, one waiting, two dropped
    await().atMost(bound(0)).until(() -> count("dropped") == 2);
    await().atMost(bound(0)).until(() -> receiver.bodies().size() == 1);
    assertThat(count("delivered")).isZero();
  }

  @Test
  void noWebhooksSendNothing() {
    assertThat(notifier(NotificationsConfig.NONE)).isSameAs(Notifications.NONE);
  }

  private Notifications notifier(NotificationsConfig config) {
    return Notifier.of(config, vertx.getOrCreateContext(), registry);
  }

  private static NotificationsConfig config(Webhook webhook) {
    return new NotificationsConfig(10, Optional.empty(), List.of(webhook));
  }

  private Webhook webhook(Format format, Severity min, int retries) {
    return new Webhook(
        "hook", receiver.url(), format, min, List.of(Event.values()), TIMEOUT, retries, BACKOFF);
  }

  /** Each attempt may take the timeout, each pause the doubled backoff; then slack for CI. */
  private static Duration bound(int retries) {
    Duration pauses = BACKOFF.multipliedBy((1L << retries) - 1);
    return TIMEOUT.multipliedBy(retries + 1L).plus(pauses).plusSeconds(5);
  }

  private long count(String outcome) {
    return registry.find(MeterNames.NOTIFICATIONS).tag("outcome", outcome).counters().stream()
        .mapToLong(c -> (long) c.count())
        .sum();
  }

  private static Notification failover() {
    return new Notification(
        Event.TRAFFIC,
        Severity.WARNING,
        "shop",
        "shop",
        "cvm=100,scf=0",
        "cvm=0,scf=100",
        "failover: the primary is DOWN and the standby is not",
        AT,
        Map.of());
  }

  private static Notification phase(Severity severity, String before, String after) {
    return new Notification(Event.PHASE, severity, "shop", "shop", before, after, "", AT, Map.of());
  }
}

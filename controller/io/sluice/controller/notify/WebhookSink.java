package io.sluice.controller.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.config.NotificationsConfig.Format;
import io.sluice.controller.config.NotificationsConfig.Webhook;
import io.sluice.meters.MeterNames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook: a bounded queue delivered in order, one request at a time, each retried with a
 * doubling pause. Everything runs on one Vert.x context, so nothing here blocks or locks; a full
 * queue drops the new notification and counts it. The URL may carry a key (WeCom's {@code ?key=}),
 * so logs name the webhook, never its URL.
 */
final class WebhookSink {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A full queue is logged on its first drop and then every this many. */
  static final int DROPS_PER_LOG = 100;

  private final Webhook config;
  private final int capacity;
  private final HttpClient client;
  private final Context context;
  private final Deque<Notification> queue = new ArrayDeque<>();
  private final Counter delivered;
  private final Counter failed;
  private final Counter dropped;
  private final Counter filtered;
  private boolean sending;
  private long drops;

  WebhookSink(
      Webhook config, int capacity, HttpClient client, Context context, MeterRegistry registry) {
    this.config = config;
    this.capacity = capacity;
    this.client = client;
    this.context = context;
    this.delivered = counter(registry, "delivered");
    this.failed = counter(registry, "failed");
    this.dropped = counter(registry, "dropped");
    this.filtered = counter(registry, "filtered");
  }

  String name() {
    return config.name();
  }

  /** Queues {@code n} if this webhook wants it; on the sink's context. */
  void offer(Notification n) {
    if (n.severity().compareTo(config.minSeverity()) < 0 || !config.events().contains(n.event())) {
      filtered.increment();
      return;
    }
    if (queue.size() >= capacity) {
      dropped.increment();
      if (drops++ % DROPS_PER_LOG == 0) {
        LOG.warn(
            "webhook '{}' is not keeping up: {} notifications wait; dropping '{}' ({} dropped so"
                + " far, counted in sluice_notifications_total{{outcome=\"dropped\"}})",
            config.name(),
            queue.size(),
            n.headline(),
            drops);
      }
      return;
    }
    queue.addLast(n);
    sendNext();
  }

  private void sendNext() {
    if (sending || queue.isEmpty()) {
      return;
    }
    sending = true;
    attempt(queue.removeFirst(), 0);
  }

  private void attempt(Notification n, int attempt) {
    send(WebhookBody.of(config.format(), n))
        .onComplete(
            done -> {
              if (done.succeeded()) {
                delivered.increment();
                LOG.debug("webhook '{}': delivered '{}'", config.name(), n.headline());
                finished();
              } else if (attempt < config.retries()) {
                Duration pause = pause(attempt);
                LOG.debug(
                    "webhook '{}': attempt {} failed ({}); retrying in {} ms",
                    config.name(),
                    attempt + 1,
                    done.cause().getMessage(),
                    pause.toMillis());
                context.owner().setTimer(pause.toMillis(), id -> attempt(n, attempt + 1));
              } else {
                failed.increment();
                LOG.warn(
                    "webhook '{}': '{}' not delivered after {} attempts: {}",
                    config.name(),
                    n.headline(),
                    attempt + 1,
                    done.cause().getMessage());
                finished();
              }
            });
  }

  private void finished() {
    sending = false;
    sendNext();
  }

  /** The pause after failed attempt {@code attempt} (0 first): backoff doubled, at most 1m. */
  Duration pause(int attempt) {
    Duration pause = config.backoff().multipliedBy(1L << Math.min(attempt, 16));
    return pause.compareTo(Webhook.MAX_BACKOFF) > 0 ? Webhook.MAX_BACKOFF : pause;
  }

  private Future<Void> send(String body) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(config.url())
            .setConnectTimeout(config.timeout().toMillis())
            .setIdleTimeout(config.timeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
            .putHeader(HttpHeaders.USER_AGENT, "sluice");
    return client
        .request(request)
        .compose(req -> req.send(body))
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        answer -> {
                          if (response.statusCode() / 100 != 2) {
                            return Future.failedFuture(
                                "HTTP " + response.statusCode() + " " + snippet(answer.toString()));
                          }
                          return accepted(answer.toString());
                        }));
  }

  /** WeCom answers 200 with a non-zero errcode when it refuses a message (a bad key, a limit). */
  private Future<Void> accepted(String answer) {
    if (config.format() != Format.WECOM) {
      return Future.succeededFuture();
    }
    try {
      JsonNode json = JSON.readTree(answer);
      int code = json.path("errcode").asInt(0);
      return code == 0
          ? Future.succeededFuture()
          : Future.failedFuture("errcode " + code + " " + json.path("errmsg").asText());
    } catch (IOException e) {
      return Future.failedFuture("an answer that is not JSON: " + snippet(answer));
    }
  }

  private static String snippet(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(MeterNames.NOTIFICATIONS)
        .description("webhook notifications by how they ended")
        .tag(MeterNames.TAG_SINK, config.name())
        .tag(MeterNames.TAG_OUTCOME, outcome)
        .register(registry);
  }
}

package io.sluice.controller.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.config.NotificationsConfig;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Sends notifications to every configured webhook, each through its own bounded queue on the
 * notifier's context: {@link #publish} only hands over, so the tick loop (or an API handler on
 * another thread) never waits for a receiver.
 */
public final class Notifier implements Notifications {
  private final Context context;
  private final List<WebhookSink> sinks;
  private final NotificationsConfig config;

  private Notifier(Context context, List<WebhookSink> sinks, NotificationsConfig config) {
    this.context = context;
    this.sinks = sinks;
    this.config = config;
  }

  /** A notifier for the config's webhooks; {@link Notifications#NONE} without any. */
  public static Notifications of(
      NotificationsConfig config, Context context, MeterRegistry registry) {
    if (config.webhooks().isEmpty()) {
      return Notifications.NONE;
    }
    HttpClient client = context.owner().createHttpClient();
    List<WebhookSink> sinks =
        config.webhooks().stream()
            .map(w -> new WebhookSink(w, config.queueSize(), client, context, registry))
            .toList();
    return new Notifier(context, sinks, config);
  }

  @Override
  public void publish(Notification notification) {
    Notification linked =
        config
            .dashboardUrl()
            .map(url -> notification.withLinks(Map.of("dashboard", dashboard(url, notification))))
            .orElse(notification);
    context.runOnContext(v -> sinks.forEach(sink -> sink.offer(linked)));
  }

  private static String dashboard(String url, Notification n) {
    return url
        + (url.contains("?") ? "&" : "?")
        + "var-service="
        + URLEncoder.encode(n.service(), StandardCharsets.UTF_8);
  }
}

package io.sluice.controller.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** The rules of {@code notifications} that the schema cannot state. */
final class NotificationsValidator {
  private final Problems problems;

  NotificationsValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(NotificationsConfig notifications, ConfigPath at) {
    notifications.dashboardUrl().ifPresent(url -> url(url, at.key("dashboardUrl")));
    List<NotificationsConfig.Webhook> webhooks = notifications.webhooks();
    ConfigPath list = at.key("webhooks");
    for (int i = 0; i < webhooks.size(); i++) {
      NotificationsConfig.Webhook webhook = webhooks.get(i);
      ConfigPath w = list.index(i);
      if (webhook.url() != null) {
        url(webhook.url(), w.key("url"));
      }
      within(
          webhook.timeout(),
          NotificationsConfig.Webhook.MIN_TIMEOUT,
          NotificationsConfig.Webhook.MAX_TIMEOUT,
          w.key("timeout"));
      within(
          webhook.backoff(),
          NotificationsConfig.Webhook.MIN_BACKOFF,
          NotificationsConfig.Webhook.MAX_BACKOFF,
          w.key("backoff"));
      if (webhook.events().isEmpty()) {
        problems.at(
            w.key("events"), "must name at least one event (or be left out for all), got []");
      }
    }
  }

  private void url(String url, ConfigPath at) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        // the URL may carry a key (WeCom's ?key=): say what is wrong without echoing it whole
        problems.at(at, "must be an http or https URL with a host, got scheme " + scheme);
      }
    } catch (URISyntaxException e) {
      problems.at(at, "must be a valid URL: " + e.getReason() + " at index " + e.getIndex());
    }
  }

  private void within(Duration value, Duration min, Duration max, ConfigPath at) {
    new DurationRange(min, max).check(problems, value, at);
  }
}

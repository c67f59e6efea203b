package io.sluice.controller.config;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Webhook notifications of what the controller does: traffic changes, phase changes, operator
 * overrides and failed changes.
 *
 * @param queueSize notifications waiting per webhook; past it new ones are dropped and counted
 * @param dashboardUrl a Grafana dashboard (Sluice / Overview) each notification links to, with the
 *     service as its variable
 * @param webhooks where notifications go
 */
public record NotificationsConfig(
    @Min(1) @Max(100_000) int queueSize, Optional<String> dashboardUrl, List<Webhook> webhooks) {
  public static final int DEFAULT_QUEUE_SIZE = 1000;
  public static final NotificationsConfig NONE =
      new NotificationsConfig(DEFAULT_QUEUE_SIZE, Optional.empty(), List.of());

  public NotificationsConfig {
    webhooks = Immutable.list(webhooks);
  }

  /**
   * One receiver.
   *
   * @param name names the webhook in logs and metrics (the URL may carry a key and is never logged)
   * @param url where to POST; http or https
   * @param format the body: Sluice's JSON, a WeCom group robot's markdown, or Slack's text
   * @param minSeverity notifications below it are not sent
   * @param events the kinds of event sent
   * @param timeout one attempt's limit
   * @param retries further attempts after a failed one
   * @param backoff the pause before the first retry, doubled before each next
   */
  public record Webhook(
      @NotNull @Pattern(regexp = ServiceConfig.NAME) String name,
      @NotNull @Pattern(regexp = URL) String url,
      Format format,
      Severity minSeverity,
      List<Event> events,
      Duration timeout,
      @Min(0) @Max(10) int retries,
      Duration backoff) {
    static final String URL = "^https?://[^/?#\\s]+.*$";
    public static final Format DEFAULT_FORMAT = Format.JSON;
    public static final Severity DEFAULT_MIN_SEVERITY = Severity.INFO;
    public static final List<Event> DEFAULT_EVENTS = List.of(Event.values());
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    public Webhook {
      events = Immutable.list(events);
    }
  }

  /** The body a webhook receives. */
  public enum Format {
    /** Sluice's own JSON: kind, severity, service, route, before, after, reason, links. */
    JSON,
    /** A WeCom (企业微信) group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}}. */
    WECOM,
    /** Slack and compatible incoming webhooks (Mattermost, Rocket.Chat): {@code {"text":...}}. */
    SLACK;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How much a notification matters, lowest first. */
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a notification is about. */
  public enum Event {
    /** The split read from the cloud changed. */
    TRAFFIC,
    /** A route's phase changed. */
    PHASE,
    /** An operator set or cleared an override. */
    OVERRIDE,
    /** A change failed or its outcome is unknown. */
    ACTUATION;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

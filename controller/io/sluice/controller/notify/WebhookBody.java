package io.sluice.controller.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.controller.config.NotificationsConfig.Format;
import io.sluice.controller.config.NotificationsConfig.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The body each webhook format receives for a notification. */
final class WebhookBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** WeCom rejects a markdown message over 4096 bytes of UTF-8. */
  static final int WECOM_MAX_BYTES = 4096;

  private WebhookBody() {}

  static String of(Format format, Notification n) {
    ObjectNode body = JSON.createObjectNode();
    switch (format) {
      case JSON -> {
        body.put("source", "sluice");
        body.put("event", n.event().id());
        body.put("severity", n.severity().id());
        body.put("service", n.service());
        body.put("route", n.route());
        body.put("before", n.before());
        body.put("after", n.after());
        body.put("reason", n.reason());
        body.put("at", n.at().toString());
        body.put("summary", n.headline());
        ObjectNode links = body.putObject("links");
        n.links().forEach(links::put);
      }
      case WECOM ->
          body.put("msgtype", "markdown")
              .putObject("markdown")
              .put("content", truncate(wecom(n), WECOM_MAX_BYTES));
      case SLACK -> body.put("text", slack(n));
    }
    return body.toString();
  }

  /** WeCom's markdown: bold, quotes, links, and three font colours (info, comment, warning). */
  private static String wecom(Notification n) {
    String colour =
        switch (n.severity()) {
          case INFO -> "info";
          case WARNING, CRITICAL -> "warning";
        };
    StringBuilder text =
        new StringBuilder("**Sluice** <font color=\"")
            .append(colour)
            .append("\">")
            .append(label(n.severity()))
            .append("</font> ")
            .append(n.headline());
    if (!n.reason().isEmpty()) {
      text.append("\n> ").append(n.reason());
    }
    for (Map.Entry<String, String> link : n.links().entrySet()) {
      text.append("\n[").append(link.getKey()).append("](").append(link.getValue()).append(")");
    }
    return text.toString();
  }

  /** Slack's mrkdwn: *bold*, quotes and {@code <url|label>} links. */
  private static String slack(Notification n) {
    StringBuilder text =
        new StringBuilder("*Sluice* ").append(label(n.severity())).append(" ").append(n.headline());
    if (!n.reason().isEmpty()) {
      text.append("\n> ").append(n.reason());
    }
    for (Map.Entry<String, String> link : n.links().entrySet()) {
      text.append("\n<").append(link.getValue()).append("|").append(link.getKey()).append(">");
    }
    return text.toString();
  }

  private static String label(Severity severity) {
    return severity.name();
  }

  /** At most {@code maxBytes} of UTF-8, cut at a character boundary, marked with an ellipsis. */
  static String truncate(String text, int maxBytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    String ellipsis = "…";
    int budget = maxBytes - ellipsis.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      out.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return out.append(ellipsis).toString();
  }
}

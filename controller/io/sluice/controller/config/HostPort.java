package io.sluice.controller.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code host:port} pair; an IPv6 host is written in brackets, {@code [::1]:7070}. */
public record HostPort(String host, int port) {
  /** What the JSON Schema checks; {@link #parse} explains a mismatch. */
  public static final String PATTERN = "^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):[0-9]{1,5}$";

  private static final Pattern SHAPE = Pattern.compile(PATTERN);

  public HostPort {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
  }

  /**
   * Reads {@code host:port}.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  public static HostPort parse(String text) {
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must be host:port, like 127.0.0.1:7070, got '" + text + "'");
    }
    int colon = text.lastIndexOf(':');
    int port = Integer.parseInt(text.substring(colon + 1));
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1-65535, got '" + text + "'");
    }
    return new HostPort(m.group(1), port);
  }

  /** True for 127.0.0.0/8, [::1] and localhost: only this host can connect. */
  public boolean isLoopback() {
    return host.startsWith("127.") || host.equals("[::1]") || host.equalsIgnoreCase("localhost");
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}

package io.sluice.controller.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code host:port} pair; an IPv6 host is written in brackets, {@code [::1]:7070}. */
public record HostPort(String host, int port) {
  /** What the JSON Schema checks; {@link #parse} explains a mismatch. */
  public static final String PATTERN = "^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]]+):[0-9]{1,5}$";

  private static final Pattern SHAPE = Pattern.compile(PATTERN);
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

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

  /** True when only this host can connect: see {@link #isLoopback(String)}. */
  public boolean isLoopback() {
    return isLoopback(host);
  }

  /**
   * True for an address literal in 127.0.0.0/8 or {@code ::1} (bracketed or not, IPv4-mapped too),
   * and for {@code localhost}, which RFC 6761 reserves for loopback. Any other name is not
   * loopback, whatever it resolves to today ({@code 127.attacker.example} may resolve to 127.0.0.1
   * and still be anyone's): only the literal is trusted, and nothing is looked up.
   */
  public static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    return literal(h).map(InetAddress::isLoopbackAddress).orElse(false);
  }

  /** The address a literal names, without a lookup; empty for a name or a malformed literal. */
  private static Optional<InetAddress> literal(String host) {
    if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      return Optional.empty();
    }
    try {
      // a literal of these characters only is parsed, never resolved
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}

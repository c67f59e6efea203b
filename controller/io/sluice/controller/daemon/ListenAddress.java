package io.sluice.controller.daemon;

import io.sluice.controller.config.HostPort;

/** Where a server listens: a {@link HostPort}, or port 0 for any free port (tests, demos). */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--listen: port must be 0-65535, got " + port);
    }
  }

  public static ListenAddress of(HostPort address) {
    return new ListenAddress(address.host(), address.port());
  }

  /** Reads {@code host:port}; port 0 picks a free one. */
  public static ListenAddress parse(String text) {
    if (text.endsWith(":0")) {
      HostPort probe = HostPort.parse(text.substring(0, text.length() - 1) + "1");
      return new ListenAddress(probe.host(), 0);
    }
    return of(HostPort.parse(text));
  }
}

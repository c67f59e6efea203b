package io.sluice.controller.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port free now on a host, for a process that must name its port before it listens (a replica
 * advertises its API to its group first). Another process may take it in between; the listen then
 * fails and says so.
 */
final class FreePort {
  private FreePort() {}

  static int on(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host + " for the API", e);
    }
  }
}

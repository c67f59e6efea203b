package io.sluice.nemesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for processes that cannot bind port 0 and report it (ZooKeeper's peers must
 * know each other's ports before any starts). All are held open until all are picked, so one call
 * never returns the same port twice; another process may still take one before it is bound, a race
 * the ensemble's start then reports as a bind failure in its log.
 */
final class FreePorts {
  private FreePorts() {}

  static List<Integer> pick(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pick " + count + " free loopback ports", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // a socket that will not close still frees its port when the test JVM exits
        }
      }
    }
  }
}

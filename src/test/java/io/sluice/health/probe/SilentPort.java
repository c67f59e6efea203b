package io.sluice.health.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port whose connects hang: it listens with a backlog of one and never accepts, and its
 * accept queue is filled first, so that Linux drops further SYNs (with {@code
 * tcp_abort_on_overflow} off, the default) and a client's connect waits for its timeout, as with a
 * host that drops packets.
 */
final class SilentPort implements AutoCloseable {
  private static final int FILLER_CONNECT_MILLIS = 200;
  private final ServerSocket server;
  private final List<Socket> fillers = new ArrayList<>();

  SilentPort() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    for (int i = 0; i < 16; i++) {
      Socket filler = new Socket();
      fillers.add(filler);
      try {
        filler.connect(server.getLocalSocketAddress(), FILLER_CONNECT_MILLIS);
      } catch (SocketTimeoutException full) {
        return; // the queue is full: connects to the port now hang
      }
    }
    close();
    throw new IllegalStateException("the accept queue of " + server + " never filled");
  }

  int port() {
    return server.getLocalPort();
  }

  String host() {
    return ((InetSocketAddress) server.getLocalSocketAddress()).getAddress().getHostAddress();
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : fillers) {
      filler.close();
    }
    server.close();
  }
}

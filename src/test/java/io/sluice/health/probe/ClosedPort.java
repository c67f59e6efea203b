package io.sluice.health.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: the port is bound but never
 * listened on, so no other test can take it (unlike a port freed after use).
 */
final class ClosedPort implements AutoCloseable {
  private final Socket socket = new Socket();

  ClosedPort() throws IOException {
    socket.bind(new InetSocketAddress("127.0.0.1", 0));
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

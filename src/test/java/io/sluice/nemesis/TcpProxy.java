package io.sluice.nemesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a loopback port in front of one server (a ZooKeeper server, for one replica), that
 * a test can cut and heal in two ways: {@link #sever} resets every connection through it and
 * refuses new ones at once (a partition the kernel reports); {@link #blackhole} keeps connections
 * open but drops every byte (a silent partition: the client learns only from its own timeouts).
 * {@link #heal} forwards again. Threads are virtual, one per direction of each connection.
 */
public final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean severed;
  private volatile boolean blackholed;

  private TcpProxy(int targetPort, ServerSocket server) {
    this.targetPort = targetPort;
    this.server = server;
  }

  /** Listens on a free loopback port and forwards to {@code 127.0.0.1:targetPort}. */
  public static TcpProxy to(int targetPort) {
    try {
      TcpProxy proxy =
          new TcpProxy(targetPort, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      proxy.threads.execute(proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a proxy to port " + targetPort, e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Cuts every connection through the proxy and refuses new ones until {@link #heal}. */
  public void sever() {
    severed = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /** Drops every byte either way from now on, without closing anything, until {@link #heal}. */
  public void blackhole() {
    blackholed = true;
  }

  public void heal() {
    severed = false;
    blackholed = false;
  }

  boolean isSevered() {
    return severed;
  }

  @Override
  public void close() {
    sever();
    closeQuietly(server);
    threads.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (severed) {
        closeQuietly(client);
        continue;
      }
      threads.execute(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream;
    try {
      upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
    } catch (IOException e) {
      closeQuietly(client); // the server is down: the client sees its connection refused-ish
      return;
    }
    open.add(client);
    open.add(upstream);
    if (severed) {
      sever();
      return;
    }
    threads.execute(() -> pump(client, upstream));
    threads.execute(() -> pump(upstream, client));
  }

  /** Copies one direction until either side closes, then closes both. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (!blackholed) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // reset or closed: the other direction ends too
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}

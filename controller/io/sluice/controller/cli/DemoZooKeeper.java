package io.sluice.controller.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * The one ZooKeeper server of {@code sluice demo --replicas}, in this process, on a free loopback
 * port: enough to show a group elect, fence and share; a real group runs a three-server ensemble
 * across zones (docs/ha.md).
 */
final class DemoZooKeeper implements AutoCloseable {
  /** ZooKeeper's tick: session timeouts may be 2 to 20 ticks, so the demo's 4 s fits. */
  static final Duration TICK = Duration.ofMillis(500);

  static final Duration START_DEADLINE = Duration.ofSeconds(30);

  private final ZooKeeperServerEmbedded server;
  private final int port;

  private DemoZooKeeper(ZooKeeperServerEmbedded server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a standalone server keeping its data in {@code dir}. */
  static DemoZooKeeper start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    Properties settings = new Properties();
    settings.setProperty("clientPort", Integer.toString(port));
    settings.setProperty("clientPortAddress", "127.0.0.1");
    settings.setProperty("tickTime", Long.toString(TICK.toMillis()));
    settings.setProperty("admin.enableServer", "false");
    ZooKeeperServerEmbedded server =
        ZooKeeperServerEmbedded.builder()
            .baseDir(dir)
            .configuration(settings)
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    server.start(START_DEADLINE.toMillis());
    return new DemoZooKeeper(server, port);
  }

  /** The connect string, {@code 127.0.0.1:PORT}. */
  String connect() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

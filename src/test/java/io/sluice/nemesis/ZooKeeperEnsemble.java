package io.sluice.nemesis;

import io.sluice.testing.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A ZooKeeper ensemble of real server processes ({@code QuorumPeerMain} from the test class path)
 * on loopback, each with its own data directory, so a nemesis can kill one server, or the
 * ensemble's leader, and start it again on the same data. Ticks are 500 ms, so sessions may last 1
 * to 10 s (ZooKeeper's 2 to 20 ticks) and the suite's 4 s session timeout is honoured as asked.
 */
final class ZooKeeperEnsemble implements AutoCloseable {
  static final int TICK_MILLIS = 500;

  /** One server's ports: clients, followers to the leader, leader election. */
  record Server(int id, int clientPort, int peerPort, int electionPort) {}

  private final Path dir;
  private final List<Server> servers;
  private final Child[] running;

  private ZooKeeperEnsemble(Path dir, List<Server> servers) {
    this.dir = dir;
    this.servers = List.copyOf(servers);
    this.running = new Child[servers.size()];
  }

  /** Writes the configuration of {@code size} servers under {@code dir} and starts them all. */
  static ZooKeeperEnsemble start(Path dir, int size) throws IOException {
    List<Integer> ports = LoopbackPorts.pick(size * 3);
    List<Server> servers =
        IntStream.range(0, size)
            .mapToObj(
                i ->
                    new Server(i + 1, ports.get(3 * i), ports.get(3 * i + 1), ports.get(3 * i + 2)))
            .toList();
    ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(dir, servers);
    for (Server s : servers) {
      ensemble.writeConfig(s);
    }
    for (int i = 0; i < size; i++) {
      ensemble.startServer(i);
    }
    return ensemble;
  }

  /** The connect string of every server: {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
  String connectString() {
    return servers.stream()
        .map(s -> "127.0.0.1:" + s.clientPort())
        .collect(Collectors.joining(","));
  }

  List<Server> servers() {
    return servers;
  }

  /** Starts server {@code index} (0-based) again, on its data directory. */
  void startServer(int index) throws IOException {
    Server s = servers.get(index);
    Path home = dir.resolve("zk" + s.id());
    running[index] =
        Child.start(
            "zookeeper-" + s.id(),
            List.of(
                SluiceJar.java(),
                "-Xmx96m",
                "-Dzookeeper.admin.enableServer=false",
                "-Dzookeeper.jmx.log4j.disable=true",
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                home.resolve("zoo.cfg").toString()),
            Map.of(),
            home.resolve("server.log"));
  }

  /** SIGKILLs server {@code index}. */
  void kill(int index) {
    running[index].kill9();
  }

  /** The process of server {@code index}, to pause or resume it. */
  Child process(int index) {
    return running[index];
  }

  /** Which server (0-based) leads the ensemble now, by asking each ({@code srvr}). */
  Optional<Integer> leader() {
    for (int i = 0; i < servers.size(); i++) {
      if (mode(i).filter("leader"::equals).isPresent()) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** True when every running server serves as leader or follower. */
  boolean serving() {
    for (int i = 0; i < servers.size(); i++) {
      if (running[i] != null && running[i].isAlive() && mode(i).isEmpty()) {
        return false;
      }
    }
    return leader().isPresent();
  }

  /** {@code leader}, {@code follower} or {@code standalone}; empty if it does not answer as one. */
  Optional<String> mode(int index) {
    String answer = fourLetters(servers.get(index).clientPort(), "srvr");
    return answer
        .lines()
        .filter(l -> l.startsWith("Mode: "))
        .map(l -> l.substring("Mode: ".length()).trim())
        .findFirst();
  }

  @Override
  public void close() {
    for (Child c : running) {
      if (c != null) {
        c.close();
      }
    }
  }

  private void writeConfig(Server s) throws IOException {
    Path home = dir.resolve("zk" + s.id());
    Path data = home.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("myid"), String.valueOf(s.id()));
    List<String> lines = new ArrayList<>();
    lines.add("tickTime=" + TICK_MILLIS);
    lines.add("initLimit=10");
    lines.add("syncLimit=5");
    lines.add("dataDir=" + data.toAbsolutePath());
    lines.add("clientPort=" + s.clientPort());
    lines.add("clientPortAddress=127.0.0.1");
    lines.add("4lw.commands.whitelist=srvr,ruok");
    lines.add("admin.enableServer=false");
    for (Server peer : servers) {
      lines.add(
          "server." + peer.id() + "=127.0.0.1:" + peer.peerPort() + ":" + peer.electionPort());
    }
    Files.write(home.resolve("zoo.cfg"), lines);
  }

  /** A four-letter command's answer; empty when the server is down or refuses. */
  private static String fourLetters(int port, String command) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write(command.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }
}

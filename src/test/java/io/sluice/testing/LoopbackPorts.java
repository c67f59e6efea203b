package io.sluice.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports for servers that must know their ports before they bind (ZooKeeper's peers name
 * each other in their configuration). A port the kernel handed out for port 0 and that was closed
 * again can be handed to the next {@code bind(0)} or outgoing connection of any test before
 * ZooKeeper binds it, and ZooKeeper then gives up its election listener and exits the JVM. So these
 * ports come from below the kernel's ephemeral range, which {@code bind(0)} never uses, in a window
 * of this JVM's own (by process id, so parallel test JVMs keep apart), each checked bindable.
 */
public final class LoopbackPorts {
  private static final int LOWEST = 10_000;
  private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private static final int CEILING = ephemeralLow();
  private static int next = LOWEST + (int) (ProcessHandle.current().pid() * 997 % span());

  private LoopbackPorts() {}

  /** {@code count} distinct ports, free on loopback now and outside the ephemeral range. */
  public static synchronized List<Integer> pick(int count) {
    List<Integer> picked = new ArrayList<>(count);
    for (int tried = 0; picked.size() < count; tried++) {
      if (tried == span()) {
        throw new IllegalStateException(
            "no " + count + " free loopback ports between " + LOWEST + " and " + CEILING);
      }
      int port = next;
      next = next + 1 < CEILING ? next + 1 : LOWEST;
      if (bindable(port)) {
        picked.add(port);
      }
    }
    return List.copyOf(picked);
  }

  /** One port, as {@link #pick(int)}. */
  public static int pick() {
    return pick(1).getFirst();
  }

  private static boolean bindable(int port) {
    try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int span() {
    return CEILING - LOWEST;
  }

  /** The low end of {@code net.ipv4.ip_local_port_range}, 32768 where it cannot be read. */
  private static int ephemeralLow() {
    try {
      // read by lines: Files.readString gets only the first byte of this proc file
      String range = Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      if (low <= LOWEST + 1_000) {
        throw new IllegalStateException(
            "the ephemeral port range starts at " + low + ", too low to keep test ports apart");
      }
      return low;
    } catch (IOException | NumberFormatException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }
}

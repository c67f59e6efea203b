package io.sluice.controller.cli;

import io.sluice.controller.daemon.ListenAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replicas of {@code sluice demo --replicas N}: their names ({@code zone-a}, {@code zone-b},
 * ...), their API addresses (consecutive ports from the first; port 0 picks a free one for each),
 * and the demo's config with {@code controller.ha} added and the sandbox's key taken from the
 * environment, since each replica runs as a process of its own.
 *
 * @param connect the ZooKeeper connect string
 */
record DemoGroup(List<String> names, List<ListenAddress> apis, String connect) {
  /** Short, so that a takeover after the leader's loss shows within seconds. */
  static final String SESSION_TIMEOUT = "4s";

  static final ListenAddress DEFAULT_LISTEN = ListenAddress.parse("127.0.0.1:7070");

  DemoGroup {
    names = List.copyOf(names);
    apis = List.copyOf(apis);
  }

  static DemoGroup of(int replicas, String connect, Optional<String> listen) {
    ListenAddress first = listen.map(ListenAddress::parse).orElse(DEFAULT_LISTEN);
    List<String> names = new ArrayList<>();
    List<ListenAddress> apis = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      names.add("zone-" + (char) ('a' + i));
      int port = first.port() == 0 ? FreePort.on(first.host()) : first.port() + i;
      apis.add(ListenAddress.parse(first.host() + ":" + port));
    }
    return new DemoGroup(names, apis, connect);
  }

  /**
   * Writes {@code demoConfig} with {@code controller.ha} and the replicas as vantage points into
   * {@code state}, and returns the file: the demo's folder stays as it is.
   */
  Path writeConfig(Path demoConfig, Path state) throws IOException {
    String text = Files.readString(demoConfig);
    String controller = "controller:\n";
    if (!text.startsWith(controller) && !text.contains("\n" + controller)) {
      throw new IOException(demoConfig + ": has no top-level 'controller:' line to add ha to");
    }
    String group =
        controller
            + "  ha: { connect: \""
            + connect
            + "\", sessionTimeout: "
            + SESSION_TIMEOUT
            + " }   # added by sluice demo --replicas\n"
            + "  vantagePoints: ["
            + String.join(", ", names)
            + "]\n";
    Path config = state.resolve("sluice.yaml");
    Files.writeString(
        config,
        text.replaceFirst("(?m)^controller:\n", group)
            .replaceFirst(
                "(?m)^(\\s+source:) sandbox\\b.*$",
                "$1 env   # each replica reaches the demo's sandbox with its key (--endpoint)"));
    return config;
  }
}

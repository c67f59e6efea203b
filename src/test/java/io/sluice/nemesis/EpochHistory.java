package io.sluice.nemesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.data.Stat;

/**
 * The group's grant history as the checker needs it, read from the ensemble after a run: each
 * {@code /epochs/<N>} node (HA-DESIGN.md, "ZooKeeper layout") is epoch N, its data the replica
 * granted it, its ctime (stamped by the ensemble) when.
 */
final class EpochHistory {
  static final String EPOCHS = "/epochs";
  private static final int CONNECT_SECONDS = 20;

  private EpochHistory() {}

  /** Every grant still kept, oldest epoch first; empty when no replica ever led. */
  static List<EpochGrant> read(String connectString, String namespace) throws Exception {
    try (CuratorFramework client =
        CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .namespace(namespace)
            .retryPolicy(new RetryNTimes(5, 500))
            .build()) {
      client.start();
      if (!client.blockUntilConnected(CONNECT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "cannot reach ZooKeeper at " + connectString + " within " + CONNECT_SECONDS + " s");
      }
      if (client.checkExists().forPath(EPOCHS) == null) {
        return List.of();
      }
      List<EpochGrant> out = new ArrayList<>();
      for (String child : client.getChildren().forPath(EPOCHS)) {
        Stat stat = new Stat();
        byte[] data = client.getData().storingStatIn(stat).forPath(EPOCHS + "/" + child);
        out.add(
            new EpochGrant(
                Long.parseLong(child),
                new String(data, StandardCharsets.UTF_8).trim(),
                Instant.ofEpochMilli(stat.getCtime())));
      }
      out.sort(Comparator.comparingLong(EpochGrant::epoch));
      return out;
    }
  }
}

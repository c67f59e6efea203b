package io.sluice.controller.ha.zk;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;

/**
 * In-JVM ZooKeeper ensembles on loopback with a short tick, so that session timeouts of a few
 * seconds are granted as asked (ZooKeeper bounds them to 2 to 20 ticks).
 */
public final class ZkEnsembles {
  /** The servers' tick: sessions of 0.4 s to 4 s are granted as asked. */
  public static final int TICK_MS = 200;

  private ZkEnsembles() {}

  public static TestingCluster cluster(int servers) throws Exception {
    List<InstanceSpec> specs =
        IntStream.rangeClosed(1, servers).mapToObj(ZkEnsembles::spec).toList();
    TestingCluster cluster = new TestingCluster(specs);
    cluster.start();
    return cluster;
  }

  static TestingServer server() throws Exception {
    return new TestingServer(spec(1), true);
  }

  private static InstanceSpec spec(int id) {
    return new InstanceSpec(
        null,
        -1,
        -1,
        -1,
        true,
        id,
        TICK_MS,
        -1,
        // a loaded machine must not split the quorum on a late tick
        Map.of("initLimit", "50", "syncLimit", "25", "admin.enableServer", "false"),
        "127.0.0.1");
  }
}

package io.sluice.controller.ha.zk;

import io.sluice.testing.LoopbackPorts;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * In-JVM ZooKeeper ensembles on loopback, on ports from {@link LoopbackPorts}, with a short tick,
 * so that session timeouts of a few seconds are granted as asked (ZooKeeper bounds them to 2 to 20
 * ticks).
 */
public final class ZkEnsembles {
  /** The servers' tick: sessions of 0.4 s to 4 s are granted as asked. */
  public static final int TICK_MS = 200;

  static {
    // a server that cannot bind its election port asks to exit the JVM, which would take every
    // test of the fork with it; let the test that needed the server fail alone
    ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
  }

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
    List<Integer> ports = LoopbackPorts.pick(3);
    return new InstanceSpec(
        null,
        ports.get(0),
        ports.get(1),
        ports.get(2),
        true,
        id,
        TICK_MS,
        -1,
        // a loaded machine must not split the quorum on a late tick
        Map.of("initLimit", "50", "syncLimit", "25", "admin.enableServer", "false"),
        "127.0.0.1");
  }
}

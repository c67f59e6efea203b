package io.sluice.controller.cli;

import io.sluice.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Path;

/** What {@code sluice demo} prints: where everything is and what to try, ready to paste. */
final class DemoGuide {
  /** The variable examples/demo/sluice.yaml takes its admin token's hash from. */
  static final String TOKEN_HASH_VARIABLE = "SLUICE_DEMO_TOKEN_SHA256";

  private DemoGuide() {}

  /**
   * @param token this run's admin token, made at start
   * @param stateDir where this run keeps its journal and audit log
   */
  static void print(PrintWriter out, int apiPort, Sandbox sandbox, String token, Path stateDir) {
    int cvm = sandbox.vipPort("lb-cvm", "lbl-cvm");
    int scf = sandbox.vipPort("lb-scf", "lbl-scf");
    String admin = "http://127.0.0.1:" + sandbox.adminPort() + "/admin";
    out.printf(
        """
        sluice demo is running (Ctrl-C stops it)
          shop      fails over between CVM (lb-cvm) and SCF (lb-scf); a -> CVM, b -> SCF (diversion)
          VIP       lb-cvm  127.0.0.1:%1$d   (DNS answer 127.0.0.1)
          VIP       lb-scf  127.0.0.1:%2$d   (DNS answer 127.0.0.2)
          DNS       127.0.0.1:%3$d (udp)
          sluice    http://127.0.0.1:%4$d/v1/services   (operator API; /metrics beside it)
          page      http://127.0.0.1:%4$d/   (status page: open it, paste the token %7$s)
          API       %5$s   (cloud API for the SDK or tccli)
          state     %8$s   (journal and audit log; --state-dir to choose)

        Try:
          watch -n1 curl -s -H 'Host: shop.sluice.local' http://127.0.0.1:%1$d/
          dig +short @127.0.0.1 -p %3$d shop.sluice.local
          curl -s -X POST %6$s/instances/ins-shop0001/stop; curl -s -X POST %6$s/instances/ins-shop0002/stop
              # both CVMs down: within seconds shop answers "Hello CLB" from SCF, and DNS turns to 127.0.0.2
          curl -s -X POST %6$s/instances/ins-shop0001/start; curl -s -X POST %6$s/instances/ins-shop0002/start
              # back: after 20 s UP, traffic returns to CVM in two steps, 10 s apart
          curl -s http://127.0.0.1:%4$d/metrics | grep sluice_route_weight

        Watch it: open http://127.0.0.1:%4$d/ in a browser and paste the token %7$s;
          stop the CVMs (above) and the page shows cvm DOWN and the split moving to scf.
          Its Pin, Clear override and Resume buttons call the API.

        Operate it (the demo's admin token, new at each start, is %7$s):
          export SLUICE_ADDR=http://127.0.0.1:%4$d SLUICE_TOKEN=%7$s
          ./sluice status
          ./sluice override shop --pin scf --ttl 2m --reason "trying the override"
          ./sluice explain shop
          ./sluice audit --service shop
          curl -s -H "Authorization: Bearer $SLUICE_TOKEN" http://127.0.0.1:%4$d/v1/services/shop
        """,
        cvm,
        scf,
        sandbox.dnsPort(),
        apiPort,
        sandbox.apiEndpoint(),
        admin,
        token,
        stateDir.toAbsolutePath());
    out.flush();
  }

  /** The replicas of {@code --replicas N}: where each answers, and how to watch a takeover. */
  static void printGroup(PrintWriter out, DemoReplicas group, String zookeeper, Path config) {
    out.printf(
        """

        Replicas: each a `sluice run` process, in a group on the ZooKeeper server at %s
          config %s
        """,
        zookeeper, config.toAbsolutePath());
    for (DemoReplicas.Replica replica : group.replicas()) {
      out.printf(
          "  %-7s pid %-7d %s/   log %s%n",
          replica.name(), replica.pid(), replica.url(), replica.log().toAbsolutePath());
    }
    DemoReplicas.Replica last = group.replicas().getLast();
    out.printf(
        """
          Each replica probes from its own vantage point; the leader moves traffic; an override
          through any replica holds for all. Who leads, in which epoch:
            curl -s -H "Authorization: Bearer $SLUICE_TOKEN" %s/v1/group
          Kill the leader (its pid above) and watch another take over within seconds (the
          session timeout, %s, then an election), in a newer epoch, with traffic left where it is:
            kill -9 PID_OF_THE_LEADER
            curl -s -H "Authorization: Bearer $SLUICE_TOKEN" %s/v1/group
        """,
        last.url(), DemoGroup.SESSION_TIMEOUT, last.url());
    out.flush();
  }
}

package io.sluice.health.probe;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a target's host name before a probe connects. Resolving as a phase of its own lets a
 * probe tell the prober's resolver failing or stalling (Inconclusive LOCAL_RESOLVER: it says
 * nothing about the backend) from the backend not accepting connections (Down).
 */
@FunctionalInterface
public interface HostResolver {

  /** Fails with {@link UnknownHostException} when the name does not resolve. */
  Future<InetAddress> resolve(String host);

  /**
   * The JVM's resolver (hosts file, then DNS, with the JVM's caching), run on a worker thread
   * because it blocks. Address literals are parsed without a look-up.
   */
  static HostResolver system(Vertx vertx) {
    return host -> {
      if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
        return Future.succeededFuture(NetUtil.createInetAddressFromIpAddressString(host));
      }
      return vertx.executeBlocking(() -> InetAddress.getByName(host), false);
    };
  }
}

package io.sluice.controller.ha.zk;

/** Where the group keeps what, under its namespace (HA-DESIGN.md, "ZooKeeper layout"). */
final class ZkPaths {
  /** The LeaderLatch's path. */
  static final String LEADER = "/leader";

  /** The node whose version is the newest epoch. */
  static final String EPOCH = "/epoch";

  /** One child per grant, named by its epoch in 10 digits. */
  static final String EPOCHS = "/epochs";

  static final String REPLICAS = "/replicas";
  static final String VERDICTS = "/verdicts";
  static final String FENCED = "/fenced";
  static final String DOCS = "/docs";

  /** How many grants {@link #EPOCHS} keeps. */
  static final int EPOCHS_KEPT = 100;

  private ZkPaths() {}

  static String replica(String name) {
    return REPLICAS + "/" + name;
  }

  static String verdicts(String name) {
    return VERDICTS + "/" + name;
  }

  static String fenced(String key) {
    return FENCED + "/" + key;
  }

  static String doc(String name) {
    return DOCS + "/" + name;
  }

  static String epochGrant(long epoch) {
    return EPOCHS + "/" + String.format("%010d", epoch);
  }

  /** The last segment of {@code path}. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The namespace as Curator takes it: no leading or trailing slash. */
  static String namespace(String configured) {
    String trimmed = configured.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}

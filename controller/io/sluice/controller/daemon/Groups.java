package io.sluice.controller.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.controller.config.SluiceConfig;
import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.SoloGroup;
import io.sluice.controller.ha.zk.ZkGroup;
import io.sluice.controller.health.HealthWatchlist;
import io.vertx.core.Context;

/** The group a daemon runs in: its replica group on ZooKeeper, or a group of one. */
final class Groups {
  private Groups() {}

  static Group open(
      SluiceConfig config, DaemonOptions options, Context context, MeterRegistry registry) {
    if (options.ha().isPresent()) {
      return new ZkGroup(options.ha().get(), context, options.nanos(), registry);
    }
    return new SoloGroup(HealthWatchlist.localVantage(config), options.nanos(), options.wall());
  }
}

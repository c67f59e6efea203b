package io.sluice.controller.actuate.clb;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Home targets kept in memory only: for tests, and for a dry run that must leave no files. */
public final class MemoryHomeTargets implements HomeTargets {
  private final Map<String, List<CvmTarget>> byRule = new ConcurrentHashMap<>();

  @Override
  public List<CvmTarget> load(String rule) {
    return byRule.getOrDefault(rule, List.of());
  }

  @Override
  public Future<Void> save(String rule, List<CvmTarget> targets) {
    byRule.put(rule, List.copyOf(targets));
    return Future.succeededFuture();
  }
}

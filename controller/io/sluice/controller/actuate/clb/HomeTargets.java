package io.sluice.controller.actuate.clb;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where each rule's home targets are kept: the CVM targets the rule held when Sluice first saw it
 * with CVM targets. After a failover the rule no longer holds them, so a failback, possibly by a
 * restarted controller, must find them here. Keyed by the rule's name ({@code lb/listener/rule}).
 */
public interface HomeTargets {

  /**
   * The rule's home targets, empty when none were stored.
   *
   * @throws java.io.UncheckedIOException when the store cannot be read
   */
  List<CvmTarget> load(String rule);

  /**
   * Stores the rule's home targets durably, off the caller's thread where the store has a disk
   * lane; the future fails when they could not be stored.
   */
  Future<Void> save(String rule, List<CvmTarget> targets);

  /**
   * The rule's home targets as another replica of the group last stored them, from memory (never
   * blocks, so the deciding context may ask); empty outside a group, and when none were shared. A
   * replica that takes over after a failover never saw the rule with CVM targets itself: the leader
   * before it did.
   */
  default List<CvmTarget> shared(String rule) {
    return List.of();
  }
}

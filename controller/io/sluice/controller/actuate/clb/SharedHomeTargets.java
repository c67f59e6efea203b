package io.sluice.controller.actuate.clb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.controller.ha.SharedDoc;
import io.sluice.controller.ha.SharedDoc.Versioned;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Home targets of a replica group: kept in this replica's own store (its state directory) and in
 * the group's shared document {@value #DOC}, so that a replica taking over after a failover, which
 * never saw the rule with CVM targets itself, can still fail back. The shared copy wins when both
 * have the rule: it is the latest any leader stored.
 */
public final class SharedHomeTargets implements HomeTargets {
  /** The group's shared document: every rule's home targets, by rule name. */
  public static final String DOC = "home-targets";

  private static final Logger LOG = LoggerFactory.getLogger(SharedHomeTargets.class);
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
  // another replica's change came first: plan again on the newer version, a few times
  private static final int TRIES = 5;

  private final HomeTargets local;
  private final SharedDoc doc;

  /** The document's format. */
  record Shared(Map<String, List<CvmTarget>> rules) {}

  /**
   * @param local this replica's own store
   * @param doc the group's {@value #DOC}
   */
  public SharedHomeTargets(HomeTargets local, SharedDoc doc) {
    this.local = Objects.requireNonNull(local, "local");
    this.doc = Objects.requireNonNull(doc, "doc");
  }

  @Override
  public List<CvmTarget> load(String rule) {
    List<CvmTarget> heard = shared(rule);
    return heard.isEmpty() ? local.load(rule) : heard;
  }

  @Override
  public List<CvmTarget> shared(String rule) {
    return rules(doc.current()).getOrDefault(rule, List.of());
  }

  /** Stores in this replica's store and shares with the group; fails when either fails. */
  @Override
  public Future<Void> save(String rule, List<CvmTarget> targets) {
    List<CvmTarget> copy = List.copyOf(targets);
    return Future.all(local.save(rule, copy), share(rule, copy, TRIES)).mapEmpty();
  }

  private Future<Void> share(String rule, List<CvmTarget> targets, int tries) {
    Optional<Versioned> seen = doc.current();
    Map<String, List<CvmTarget>> rules = new TreeMap<>(rules(seen));
    if (targets.equals(rules.get(rule))) {
      return Future.succeededFuture();
    }
    rules.put(rule, targets);
    return doc.replace(encode(rules), seen.map(Versioned::version).orElse(Versioned.NONE))
        .<Void>mapEmpty()
        .recover(
            failed ->
                failed instanceof SharedDoc.Conflict && tries > 1
                    ? share(rule, targets, tries - 1)
                    : Future.failedFuture(failed));
  }

  private static Map<String, List<CvmTarget>> rules(Optional<Versioned> seen) {
    if (seen.isEmpty()) {
      return Map.of();
    }
    try {
      Shared shared = JSON.readValue(seen.get().data(), Shared.class);
      return shared.rules() == null ? Map.of() : shared.rules();
    } catch (IOException e) {
      // written by a newer or broken replica: this one goes on with its own store
      LOG.warn("the group's shared {} is unreadable: {}", DOC, e.getMessage());
      return Map.of();
    }
  }

  private static byte[] encode(Map<String, List<CvmTarget>> rules) {
    try {
      return JSON.writeValueAsBytes(new Shared(rules));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.sluice.sandbox.scf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One SCF function as the sandbox holds it: immutable, with its published versions and aliases.
 *
 * @param availableStatus {@code Available} or {@code InsufficientBalance}
 * @param versions published versions, "1", "2"... in publication order ({@code $LATEST} is implied)
 * @param aliases alias name to the version it routes to
 */
public record ScfFunction(
    FunctionKey key,
    String functionId,
    FunctionType type,
    String runtime,
    String handler,
    int memorySize,
    int timeoutSeconds,
    FunctionStatus status,
    String availableStatus,
    List<String> versions,
    Map<String, String> aliases,
    Instant addTime,
    Instant modTime) {
  public ScfFunction {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(functionId, "functionId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    versions = List.copyOf(versions);
    aliases = Map.copyOf(aliases);
  }

  /**
   * The version a qualifier designates: itself for $LATEST and versions, the target of an alias.
   */
  public Optional<String> resolve(String qualifier) {
    if (FunctionRef.LATEST.equals(qualifier) || versions.contains(qualifier)) {
      return Optional.of(qualifier);
    }
    return Optional.ofNullable(aliases.get(qualifier));
  }

  public boolean isPublishedVersion(String qualifier) {
    return versions.contains(qualifier);
  }

  public ScfFunction withStatus(FunctionStatus next, Instant at) {
    return changed(next, versions, aliases, at);
  }

  public ScfFunction withVersionPublished(Instant at) {
    List<String> next = new ArrayList<>(versions);
    next.add(String.valueOf(versions.size() + 1));
    return changed(status, next, aliases, at);
  }

  public ScfFunction withAlias(String alias, String version, Instant at) {
    Map<String, String> next = new LinkedHashMap<>(aliases);
    next.put(alias, version);
    return changed(status, versions, next, at);
  }

  /** A copy with the parts a change can touch replaced, modified at {@code at}. */
  private ScfFunction changed(
      FunctionStatus nextStatus,
      List<String> nextVersions,
      Map<String, String> nextAliases,
      Instant at) {
    return new ScfFunction(
        key,
        functionId,
        type,
        runtime,
        handler,
        memorySize,
        timeoutSeconds,
        nextStatus,
        availableStatus,
        nextVersions,
        nextAliases,
        addTime,
        at);
  }

  public String latestVersion() {
    return versions.isEmpty() ? FunctionRef.LATEST : versions.get(versions.size() - 1);
  }
}

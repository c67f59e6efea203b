package io.sluice.sandbox.scf;

import io.sluice.sandbox.api.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The sandbox's SCF functions, by region, namespace and name. Functions are immutable records
 * replaced atomically. The seeding methods ({@link #create} and friends) are for the assembler,
 * tests and admin: the emulated API does not create or publish functions.
 */
public final class ScfState {
  private final Map<FunctionKey, ScfFunction> functions = new ConcurrentHashMap<>();
  private final Clock clock;

  public ScfState(Clock clock) {
    this.clock = clock;
  }

  /** Creates an Active function with 128 MB, a 3 s timeout and no published versions. */
  public ScfFunction create(FunctionKey key, FunctionType type, String runtime, String handler) {
    ScfFunction f =
        new ScfFunction(
            key,
            "lam-" + String.format("%08x", key.hashCode()),
            type,
            runtime,
            handler,
            128,
            3,
            FunctionStatus.Active,
            "Available",
            List.of(),
            Map.of(),
            clock.instant(),
            clock.instant());
    functions.put(key, f);
    return f;
  }

  public Optional<ScfFunction> find(FunctionKey key) {
    return Optional.ofNullable(functions.get(key));
  }

  /** The function, or the API's {@code ResourceNotFound.Function}. */
  public ScfFunction require(FunctionKey key) {
    return find(key)
        .orElseThrow(
            () ->
                new ApiException(
                    "ResourceNotFound.Function",
                    "Function " + key.namespace() + "/" + key.name() + " not found."));
  }

  /** True when a function of this namespace and name exists in any region. */
  public boolean existsInAnyRegion(String namespace, String name) {
    return functions.keySet().stream()
        .anyMatch(k -> k.namespace().equals(namespace) && k.name().equals(name));
  }

  public ScfFunction update(FunctionKey key, UnaryOperator<ScfFunction> edit) {
    return functions.compute(
        key,
        (k, current) -> {
          if (current == null) {
            throw new IllegalArgumentException("no function " + k);
          }
          return edit.apply(current);
        });
  }

  /** Publishes $LATEST as the next version and returns that version's number. */
  public String publishVersion(FunctionKey key) {
    return update(key, f -> f.withVersionPublished(clock.instant())).latestVersion();
  }

  public void putAlias(FunctionKey key, String alias, String version) {
    update(key, f -> f.withAlias(alias, version, clock.instant()));
  }

  public void setStatus(FunctionKey key, FunctionStatus status) {
    update(key, f -> f.withStatus(status, clock.instant()));
  }
}

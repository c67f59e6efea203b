package io.sluice.sandbox.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The API keys the sandbox accepts. A SecretId absent from here gets {@code
 * AuthFailure.SecretIdNotFound}, as a deleted or disabled key does on Tencent Cloud. Keys can be
 * added, revoked and restored while the server runs, so a test can cut one caller (one replica of a
 * controller) off the cloud mid-scenario and heal it later. Each key has a name, so that the
 * mutation log can say which caller made each write.
 */
public final class Credentials {
  private final ConcurrentMap<String, Credential> byId = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  /**
   * One key pair.
   *
   * @param name who uses it (a replica's name); the SecretId when the scenario gives none
   * @param token present for temporary (STS) credentials: the request must then carry it in {@code
   *     X-TC-Token}, or gets {@code AuthFailure.TokenFailure}
   */
  public record Credential(String name, String secretId, String secretKey, Optional<String> token) {
    public Credential {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(secretId, "secretId");
      Objects.requireNonNull(secretKey, "secretKey");
      Objects.requireNonNull(token, "token");
    }
  }

  /** A permanent key named by its SecretId: any {@code X-TC-Token} it is sent with is ignored. */
  public Credentials add(String secretId, String secretKey) {
    return add(secretId, secretId, secretKey);
  }

  /** A permanent key with a name of its own. */
  public Credentials add(String name, String secretId, String secretKey) {
    return put(new Credential(name, secretId, secretKey, Optional.empty()));
  }

  /** A temporary key, valid only with its session token. */
  public Credentials addTemporary(String secretId, String secretKey, String token) {
    return put(new Credential(secretId, secretId, secretKey, Optional.of(token)));
  }

  public void remove(String secretId) {
    byId.remove(secretId);
    revoked.remove(secretId);
  }

  /** The key, revoked or not. */
  public Optional<Credential> find(String secretId) {
    return Optional.ofNullable(byId.get(secretId));
  }

  /** True while the key is revoked: every call signed with it fails authentication. */
  public boolean isRevoked(String secretId) {
    return revoked.contains(secretId);
  }

  /**
   * Revokes every key with this name (or this SecretId) until {@link #restore}.
   *
   * @throws IllegalArgumentException when no key has that name
   */
  public void revoke(String name) {
    revoked.addAll(secretIdsNamed(name));
  }

  /** Accepts the named keys again. */
  public void restore(String name) {
    revoked.removeAll(secretIdsNamed(name));
  }

  /** Every key, by name then SecretId. */
  public List<Credential> list() {
    return byId.values().stream()
        .sorted(Comparator.comparing(Credential::name).thenComparing(Credential::secretId))
        .toList();
  }

  private List<String> secretIdsNamed(String name) {
    List<String> ids =
        byId.values().stream()
            .filter(c -> c.name().equals(name) || c.secretId().equals(name))
            .map(Credential::secretId)
            .toList();
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "credential: no key is named '"
              + name
              + "'; known: "
              + list().stream().map(Credential::name).toList());
    }
    return ids;
  }

  private Credentials put(Credential credential) {
    byId.put(credential.secretId(), credential);
    return this;
  }
}

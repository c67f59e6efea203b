package io.sluice.sandbox.api;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The API keys the sandbox accepts. A SecretId absent from here gets {@code
 * AuthFailure.SecretIdNotFound}, as a deleted or disabled key does on Tencent Cloud. Keys can be
 * added and removed while the server runs, so a test can revoke a key mid-scenario.
 */
public final class Credentials {
  private final ConcurrentMap<String, Credential> byId = new ConcurrentHashMap<>();

  /**
   * One key pair.
   *
   * @param token present for temporary (STS) credentials: the request must then carry it in {@code
   *     X-TC-Token}, or gets {@code AuthFailure.TokenFailure}
   */
  public record Credential(String secretId, String secretKey, Optional<String> token) {
    public Credential {
      Objects.requireNonNull(secretId, "secretId");
      Objects.requireNonNull(secretKey, "secretKey");
      Objects.requireNonNull(token, "token");
    }
  }

  /** A permanent key: any {@code X-TC-Token} it is sent with is ignored. */
  public Credentials add(String secretId, String secretKey) {
    return put(new Credential(secretId, secretKey, Optional.empty()));
  }

  /** A temporary key, valid only with its session token. */
  public Credentials addTemporary(String secretId, String secretKey, String token) {
    return put(new Credential(secretId, secretKey, Optional.of(token)));
  }

  public void remove(String secretId) {
    byId.remove(secretId);
  }

  public Optional<Credential> find(String secretId) {
    return Optional.ofNullable(byId.get(secretId));
  }

  private Credentials put(Credential credential) {
    byId.put(credential.secretId(), credential);
    return this;
  }
}

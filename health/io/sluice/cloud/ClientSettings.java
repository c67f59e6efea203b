package io.sluice.cloud;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the SDK clients talk to the cloud. The timeouts are mandatory because the SDK's
 * defaults wait forever (read and write 0 = none, connect 60 s), and they must be set before a
 * client is built: the SDK bakes them into its OkHttp client in the constructor.
 *
 * @param region the account's region, e.g. {@code ap-guangzhou}
 * @param endpoint {@code host:port} for every service (the sandbox), or empty for the real
 *     per-service endpoints ({@code clb.tencentcloudapi.com}...)
 * @param plainHttp {@code http://} instead of {@code https://}; only for a loopback sandbox
 */
public record ClientSettings(
    String region,
    Optional<String> endpoint,
    boolean plainHttp,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

  public ClientSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    requireWholeSeconds("connectTimeout", connectTimeout);
    requireWholeSeconds("readTimeout", readTimeout);
    requireWholeSeconds("writeTimeout", writeTimeout);
  }

  /** The real Tencent Cloud endpoints over HTTPS, with the default timeouts. */
  public static ClientSettings cloud(String region) {
    return new ClientSettings(
        region,
        Optional.empty(),
        false,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_WRITE_TIMEOUT);
  }

  /** One plain-HTTP endpoint for every service ({@code 127.0.0.1:PORT}), as the sandbox serves. */
  public static ClientSettings sandbox(String region, String hostAndPort) {
    return new ClientSettings(
        region,
        Optional.of(hostAndPort),
        true,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_WRITE_TIMEOUT);
  }

  public ClientSettings withReadTimeout(Duration timeout) {
    return new ClientSettings(region, endpoint, plainHttp, connectTimeout, timeout, writeTimeout);
  }

  /** The SDK takes whole seconds, so anything finer would be silently rounded. */
  private static void requireWholeSeconds(String name, Duration timeout) {
    Objects.requireNonNull(timeout, name);
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          name + ": must be a whole number of seconds, at least 1 s, got " + timeout);
    }
  }
}

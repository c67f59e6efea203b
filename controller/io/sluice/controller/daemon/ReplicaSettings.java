package io.sluice.controller.daemon;

import io.sluice.controller.config.ControllerConfig;
import io.sluice.controller.ha.HaSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code controller.ha} as this replica runs it: its name from {@code --replica}, else the config,
 * else the host's name; where its API answers for the others. The name must be one of the vantage
 * points, since the replica probes from the vantage point of its name.
 */
public final class ReplicaSettings {
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "");
  private static final Pattern NAME = Pattern.compile("^[a-z0-9-]{1,40}$");

  private ReplicaSettings() {}

  /**
   * @param flag {@code --replica}, which wins over the config
   * @param hostName this host's name, the last resort for the name and the advertised API
   * @param apiScheme {@code http} or {@code https}, as the API is served
   * @param apiHost the address the API listens on: advertised as it is, unless it is a wildcard
   *     ({@code 0.0.0.0}, {@code ::}), when the host's name stands for it
   * @param apiPort the API's port
   * @throws IllegalArgumentException naming the setting, the rule and the value
   */
  public static HaSettings of(
      ControllerConfig.Ha ha,
      Optional<String> flag,
      List<String> vantagePoints,
      String hostName,
      String apiScheme,
      String apiHost,
      int apiPort) {
    String replica = name(ha, flag, hostName);
    if (!vantagePoints.contains(replica)) {
      throw new IllegalArgumentException(
          source(ha, flag, hostName)
              + " names this replica '"
              + replica
              + "', which controller.vantagePoints "
              + vantagePoints
              + " does not list: every replica probes from the vantage point of its name; pass"
              + " --replica NAME or set controller.ha.replica");
    }
    String host = WILDCARDS.contains(apiHost) ? hostName.toLowerCase(Locale.ROOT) : apiHost;
    String advertise = ha.advertise().orElse(apiScheme + "://" + host + ":" + apiPort);
    return new HaSettings(
        ha.connect(),
        ha.namespace(),
        replica,
        advertise,
        ha.sessionTimeout(),
        ha.connectionTimeout(),
        ha.publishEvery(),
        ha.staleAfter());
  }

  private static String name(ControllerConfig.Ha ha, Optional<String> flag, String hostName) {
    if (flag.isPresent()) {
      if (!NAME.matcher(flag.get()).matches()) {
        throw new IllegalArgumentException(
            "--replica: must match [a-z0-9-]{1,40}, got '" + flag.get() + "'");
      }
      return flag.get();
    }
    return ha.replica().orElseGet(() -> fromHost(hostName));
  }

  /** The host name's first label, lowercased, with anything a name may not hold as '-'. */
  static String fromHost(String hostName) {
    String label = hostName.toLowerCase(Locale.ROOT).split("\\.", 2)[0];
    String name = label.replaceAll("[^a-z0-9-]", "-");
    return name.length() > 40 ? name.substring(0, 40) : name;
  }

  private static String source(ControllerConfig.Ha ha, Optional<String> flag, String hostName) {
    if (flag.isPresent()) {
      return "--replica";
    }
    return ha.replica().isPresent()
        ? "controller.ha.replica"
        : "controller.ha.replica (absent, so the host's name '" + hostName + "')";
  }
}

package io.sluice.nemesis;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks read from one {@code /metrics} scrape of a replica: shop's CVM verdict the
 * replica decides on (the quorum over every vantage point; its only vantage point when alone), the
 * CVM verdict at each vantage point, and whether it leads.
 */
record ReplicaMetrics(
    Optional<String> verdict, Map<String, String> vantageVerdicts, boolean leader) {
  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final String SERVICE = "shop";
  private static final String BACKEND = "cvm";

  ReplicaMetrics {
    vantageVerdicts = Map.copyOf(vantageVerdicts);
  }

  /** Parses the Prometheus text; a replica that did not answer has no verdict and does not lead. */
  static ReplicaMetrics parse(String text) {
    Optional<String> verdict = Optional.empty();
    Map<String, String> vantages = new HashMap<>();
    boolean leader = false;
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        if (line.startsWith("sluice_ha_leader ")) {
          leader = Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()) == 1.0;
        }
        continue;
      }
      boolean set = Double.parseDouble(m.group(3)) == 1.0;
      Map<String, String> labels = labels(m.group(2));
      boolean shopCvm =
          SERVICE.equals(labels.get("service")) && BACKEND.equals(labels.get("backend"));
      switch (m.group(1)) {
        case "sluice_ha_leader" -> leader = set;
        case "sluice_backend_verdict" -> {
          if (shopCvm && set) {
            verdict = Optional.of(labels.get("verdict"));
          }
        }
        case "sluice_backend_vantage_verdict" -> {
          if (shopCvm && set) {
            vantages.put(labels.get("vantage"), labels.get("verdict"));
          }
        }
        default -> {
          // another meter
        }
      }
    }
    return new ReplicaMetrics(verdict, vantages, leader);
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> out = new HashMap<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }
}

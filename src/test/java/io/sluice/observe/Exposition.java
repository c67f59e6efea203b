package io.sluice.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A daemon's {@code /metrics} page in the Prometheus text format, and what tests read from it. */
final class Exposition {
  private static final Pattern SAMPLE_NAME =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private Exposition() {}

  /** The daemon's {@code /metrics} on loopback. */
  static String scrape(int port) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The name of every sample, {@code _bucket}, {@code _count} and the like included. */
  static Set<String> names(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.lines().filter(l -> !l.startsWith("#")).toList()) {
      Matcher m = SAMPLE_NAME.matcher(line);
      if (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Whether a sample of {@code name} with all of {@code labels} has {@code value}. */
  static boolean has(String exposition, String name, Map<String, String> labels, double value) {
    return exposition
        .lines()
        .filter(l -> l.startsWith(name + "{"))
        .filter(l -> labels.entrySet().stream().allMatch(e -> l.contains(label(e))))
        .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == value);
  }

  private static String label(Map.Entry<String, String> e) {
    return e.getKey() + "=\"" + e.getValue() + "\"";
  }
}

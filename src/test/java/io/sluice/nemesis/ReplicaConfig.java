package io.sluice.nemesis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one place that writes a replica's config, so a change to the shape of {@code controller.ha}
 * is made here only: a controller section per replica in front of the suite's services ({@code
 * src/test/resources/nemesis/services.yaml}).
 *
 * <pre>
 * controller:
 *   region: ap-guangzhou
 *   credentials: { source: env }        # the replica's own key, in TENCENTCLOUD_SECRET_ID/KEY
 *   stateDir: ...
 *   vantagePoints: [r1, r2, r3]         # [r1] for a replica without ha
 *   api: { tokens: [{ id: nemesis, sha256: ..., role: admin }] }   # TOKEN, for the suite's calls
 *   ha: { connect: "127.0.0.1:p1,...", namespace: sluice, replica: r1, sessionTimeout: 4s }
 * services: ...
 * </pre>
 */
final class ReplicaConfig {
  static final Path SERVICES = Path.of("src/test/resources/nemesis/services.yaml");
  static final String NAMESPACE = "sluice";
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

  /**
   * The bearer token every replica accepts (admin), so the suite can read {@code /v1/group} and set
   * overrides through any replica; the config holds only its SHA-256.
   */
  static final String TOKEN = "sluice_nemesis_4f1c9e2b7a6d8035";

  /**
   * The group a replica joins.
   *
   * @param connect the ZooKeeper connect string this replica uses (through its proxies, if any)
   * @param replicas every replica's name: the vantage points
   * @param sessionTimeout the ZooKeeper session timeout it asks for
   */
  record Group(String connect, List<String> replicas, Duration sessionTimeout) {
    Group {
      replicas = List.copyOf(replicas);
    }

    /** The suite's group: a session timeout of {@link #SESSION_TIMEOUT}. */
    Group(String connect, List<String> replicas) {
      this(connect, replicas, SESSION_TIMEOUT);
    }
  }

  private ReplicaConfig() {}

  /** The config text of replica {@code name}; without a group it runs alone (no ha section). */
  static String text(String name, Path stateDir, Optional<Group> group) throws IOException {
    return text(name, stateDir, group, SERVICES);
  }

  /** The same in front of other services than the suite's (a benchmark's policy, say). */
  static String text(String name, Path stateDir, Optional<Group> group, Path services)
      throws IOException {
    List<String> vantagePoints = group.map(Group::replicas).orElse(List.of(name));
    StringBuilder out = new StringBuilder();
    out.append("controller:\n");
    out.append("  region: ap-guangzhou\n");
    out.append("  credentials: { source: env }\n");
    out.append("  stateDir: ").append(quoted(stateDir.toAbsolutePath().toString())).append('\n');
    out.append("  vantagePoints: [").append(String.join(", ", vantagePoints)).append("]\n");
    out.append("  api:\n")
        .append("    tokens:\n")
        .append("      - { id: nemesis, sha256: ")
        .append(sha256(TOKEN))
        .append(", role: admin }\n");
    group.ifPresent(
        g ->
            out.append("  ha:\n")
                .append("    connect: ")
                .append(quoted(g.connect()))
                .append('\n')
                .append("    namespace: ")
                .append(NAMESPACE)
                .append('\n')
                .append("    replica: ")
                .append(name)
                .append('\n')
                .append("    sessionTimeout: ")
                .append(g.sessionTimeout().toSeconds())
                .append("s\n"));
    out.append('\n').append(Files.readString(services));
    return out.toString();
  }

  /** Writes it, in front of {@code services}, to {@code file}. */
  static Path write(Path file, String name, Path stateDir, Optional<Group> group, Path services)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text(name, stateDir, group, services));
    return file;
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

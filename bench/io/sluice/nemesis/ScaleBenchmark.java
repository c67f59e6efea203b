package io.sluice.nemesis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process, many services (issue 13): a generated world of N services ({@link ScaleWorld}) in a
 * sandbox process of its own, and {@code sluice run} from the packaged jar as a user starts it,
 * probing every backend each second. Measures the daemon alone: the time from its start to {@code
 * /readyz} answering 200 (every backend has a probe result and the cloud's routing has been read),
 * then, after a minute at rest, its resident memory, its CPU over that minute and the size of
 * {@code /metrics}.
 *
 * <p>Usage: {@code scripts/bench --main ScaleBenchmark [--jvm "OPTIONS"] [--rest S] [N...]}, by
 * default 50, 200 and 1000 services, a 60 s rest and no JVM options beyond the launcher's.
 */
public final class ScaleBenchmark {
  private static final Duration READY_BOUND = Duration.ofSeconds(300);
  private static final int WARM_ROUNDS = 20;
  private static final Pattern LISTEN =
      Pattern.compile("metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** What one size measured. */
  record Figures(
      int services, Duration ready, long rssKib, double cores, long metricsBytes, String note) {}

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> jvm = List.of();
    Duration rest = Duration.ofSeconds(60);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jvm" -> jvm = Arrays.asList(args[++i].trim().split("\\s+"));
        case "--rest" -> rest = Duration.ofSeconds(Long.parseLong(args[++i]));
        default -> sizes.add(Integer.parseInt(args[i]));
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(50, 200, 1000);
    }
    StringBuilder table =
        new StringBuilder(
            "| services | ready s | RSS MB at rest | cores at rest | /metrics KB | note |\n"
                + "|---|---|---|---|---|---|\n");
    for (int n : sizes) {
      Figures f = measure(n, jvm, rest);
      System.out.println(f);
      table.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %d | %.2f | %d | %s |%n",
              f.services(),
              f.ready() == null
                  ? "never"
                  : String.format(Locale.ROOT, "%.1f", f.ready().toMillis() / 1e3),
              f.rssKib() / 1024,
              f.cores(),
              f.metricsBytes() / 1024,
              f.note()));
    }
    System.out.println();
    System.out.print(table);
  }

  static Figures measure(int services, List<String> jvm, Duration rest) throws Exception {
    Path dir = Files.createTempDirectory("sluice-scale-" + services);
    ScaleWorld.write(services, dir);
    try (SandboxProcess sandbox =
        SandboxProcess.start(dir.resolve("world.yaml"), dir, List.of("-Xmx2g"))) {
      warm(sandbox, services);
      long started = System.nanoTime();
      try (Child daemon =
          Child.start(
              "sluice",
              SluiceJar.command(
                  jvm,
                  "run",
                  "-c",
                  dir.resolve("sluice.yaml").toString(),
                  "--endpoint",
                  sandbox.apiEndpoint(),
                  "--state-dir",
                  dir.resolve("state").toString(),
                  "--listen",
                  "127.0.0.1:0"),
              environment(sandbox),
              dir.resolve("sluice.log"))) {
        int port = awaitPort(daemon);
        Duration ready = awaitReady(daemon, port, started);
        if (ready == null) {
          return new Figures(services, null, rssKib(daemon.pid()), 0, 0, "not ready: " + dir);
        }
        long cpuBefore = cpuTicks(daemon.pid());
        long restStart = System.nanoTime();
        Thread.sleep(rest.toMillis());
        double cores =
            (cpuTicks(daemon.pid()) - cpuBefore) / 100.0 / ((System.nanoTime() - restStart) / 1e9);
        long metrics = get(port, "/metrics").length();
        String readyz = get(port, "/readyz");
        String note =
            readyz.startsWith("ready")
                ? ""
                : "readyz after rest: " + readyz.lines().findFirst().orElse("");
        return new Figures(services, ready, rssKib(daemon.pid()), cores, metrics, note);
      }
    }
  }

  /**
   * Asks every rule of the world a few times before the daemon starts: the sandbox has just
   * started, and its cold JIT answered the first few hundred probes after their timeout, which a
   * warm cloud does not. The daemon's own start is what is measured.
   */
  private static void warm(SandboxProcess sandbox, int services) throws InterruptedException {
    List<Thread> askers = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      int group = i / ScaleWorld.PER_LOAD_BALANCER;
      String domain = ScaleWorld.domain(i);
      int cvm = Integer.parseInt(sandbox.portVariables().get("SANDBOX_PORT_LBL_CVM" + group));
      int scf = Integer.parseInt(sandbox.portVariables().get("SANDBOX_PORT_LBL_SCF" + group));
      askers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int round = 0; round < WARM_ROUNDS; round++) {
                      ask(cvm, domain);
                      ask(cvm, "h" + domain);
                      ask(scf, domain);
                    }
                  }));
    }
    for (Thread asker : askers) {
      asker.join();
    }
  }

  /** One request on a new connection; Java's HTTP client may not set a Host header. */
  private static void ask(int port, String host) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      // a warm-up request; the daemon's probes will say what is wrong
    }
  }

  private static java.util.Map<String, String> environment(SandboxProcess sandbox) {
    java.util.Map<String, String> env = new java.util.HashMap<>(sandbox.portVariables());
    env.put("TENCENTCLOUD_SECRET_ID", ScaleWorld.SECRET_ID);
    env.put("TENCENTCLOUD_SECRET_KEY", ScaleWorld.SECRET_KEY);
    return env;
  }

  private static int awaitPort(Child daemon) throws InterruptedException {
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    while (System.nanoTime() - deadline < 0 && daemon.isAlive()) {
      Matcher m = LISTEN.matcher(daemon.output());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the daemon printed no API port; see " + daemon.log());
  }

  /** From the process start to the first 200 of /readyz, asked every 50 ms; null if never. */
  private static Duration awaitReady(Child daemon, int port, long started)
      throws InterruptedException {
    long deadline = started + READY_BOUND.toNanos();
    while (System.nanoTime() - deadline < 0 && daemon.isAlive()) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - started);
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    return null;
  }

  private static String get(int port, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static long rssKib(long pid) throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** utime + stime of the process, in clock ticks (100 a second on Linux). */
  private static long cpuTicks(long pid) throws java.io.IOException {
    String stat = Files.readAllLines(Path.of("/proc/" + pid + "/stat")).getFirst();
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}

package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact users run, {@code target/sluice.jar} (the shaded jar that {@code ./sluice} starts),
 * run as they run it, in a JVM of its own: it holds only the Tencent products Sluice calls, it
 * validates a config, draws the simulator's charts, and {@code sluice demo} serves a healthy {@code
 * /metrics} while leaving nothing in the folder it was started from. Failsafe runs it after {@code
 * package}, which builds the jar. It prints the jar's size and the demo's start time (BENCHMARKS.md
 * records them).
 */
final class JarIT {
  static final Path JAR = Path.of("target", "sluice.jar");

  /** The SDK's common runtime and the five products Sluice calls. */
  private static final Set<String> TENCENT_PRODUCTS =
      Set.of("common", "clb", "cvm", "dnspod", "monitor", "scf");

  // a JVM start and a config load; the rest is slack for a busy machine
  private static final Duration COMMAND_BOUND = Duration.ofSeconds(60);
  // the JVM, the sandbox (a Python worker included) and the daemon; the rest is slack
  private static final Duration DEMO_BOUND = Duration.ofSeconds(90);
  private static final Pattern API_LINE =
      Pattern.compile("sluice\\s+http://127\\.0\\.0\\.1:(\\d+)/v1/services");
  private static final Pattern STATE_LINE = Pattern.compile("(?m)^ +state {2,}(/\\S+)");

  @Test
  void holdsOnlyTheTencentProductsSluiceCallsAndNoPdfLibrary() throws IOException {
    assertThat(JAR).as("built by mvn package").isRegularFile();
    Set<String> products = new TreeSet<>();
    List<String> pdf = new ArrayList<>();
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      jar.stream()
          .map(e -> e.getName())
          .forEach(
              name -> {
                String[] parts = name.split("/");
                if (name.startsWith("com/tencentcloudapi/") && parts.length > 3) {
                  products.add(parts[2]);
                }
                if (name.startsWith("org/apache/pdfbox/")
                    || name.startsWith("org/apache/fontbox/")) {
                  pdf.add(name);
                }
              });
    }
    assertThat(products).isEqualTo(new TreeSet<>(TENCENT_PRODUCTS));
    assertThat(pdf).isEmpty();
    System.out.printf("JarIT: %s is %,d bytes%n", JAR, Files.size(JAR));
  }

  @Test
  void validatesAConfig() throws Exception {
    Run run = run(List.of("validate", "-c", "examples/failover.yaml"), Path.of("."));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("OK: examples/failover.yaml");
  }

  @Test
  void drawsTheSimulatorsChartsAsSvgAndPng(@TempDir Path dir) throws Exception {
    for (String chart : List.of("chart.svg", "chart.png")) {
      Run run =
          run(
              List.of(
                  "simulate",
                  "-c",
                  "examples/sandbox-demo.yaml",
                  "--scenario",
                  "outage:30s",
                  "--quiet",
                  "--chart",
                  dir.resolve(chart).toString()),
              Path.of("."));
      assertThat(run.exit()).as(run.output()).isZero();
    }

    assertThat(Files.readString(dir.resolve("chart.svg"))).contains("<svg");
    byte[] png = Files.readAllBytes(dir.resolve("chart.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  /**
   * {@code sluice demo} from an empty folder, with {@code --dir} naming the demo: up to the first
   * healthy scrape of its {@code /metrics}. Its state goes to a new temporary directory (here under
   * the test's own, through {@code java.io.tmpdir}), never into the folder it was started from.
   */
  @Test
  void theDemoServesAHealthyMetricsScrapeAndWritesNothingWhereItWasStarted(@TempDir Path dir)
      throws Exception {
    Path startedIn = Files.createDirectory(dir.resolve("cwd"));
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    long started = System.nanoTime();
    Process demo =
        new ProcessBuilder(
                command(
                    List.of("-Djava.io.tmpdir=" + tmp),
                    List.of(
                        "demo",
                        "--listen",
                        "127.0.0.1:0",
                        "--dir",
                        Path.of("examples", "demo").toAbsolutePath().toString())))
            .directory(startedIn.toFile())
            .redirectErrorStream(true)
            .start();
    Output output = Output.of(demo);
    try {
      int port =
          await("the demo prints its API address")
              .atMost(DEMO_BOUND)
              .until(() -> output.find(API_LINE, demo), Optional::isPresent)
              .map(Integer::parseInt)
              .orElseThrow();
      HttpClient http = HttpClient.newHttpClient();
      await("a healthy /metrics scrape")
          .atMost(DEMO_BOUND)
          .ignoreExceptions()
          .until(() -> healthy(http, port));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      System.out.printf("JarIT: java -jar %s demo to a healthy /metrics: %,d ms%n", JAR, millis);

      Path state = Path.of(output.find(STATE_LINE, demo).orElseThrow());
      assertThat(state).as(output.text()).startsWith(tmp).isDirectory();
      try (Stream<Path> files = Files.list(startedIn)) {
        assertThat(files.toList()).as("written where the demo was started").isEmpty();
      }
    } finally {
      demo.destroy();
      assertThat(demo.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS))
          .as("the demo stops on SIGTERM")
          .isTrue();
    }
  }

  private static boolean healthy(HttpClient http, int port) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && response.body().contains("sluice_");
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> args, Path dir) throws Exception {
    Process process =
        new ProcessBuilder(command(List.of(), args))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    Output output = Output.of(process);
    assertThat(process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS))
        .as("%s finished", args)
        .isTrue();
    output.drained();
    return new Run(process.exitValue(), output.text());
  }

  /** {@code java [jvmArgs] -jar target/sluice.jar args}, with the JVM this test runs on. */
  private static List<String> command(List<String> jvmArgs, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(args);
    return command;
  }

  /** A child's output, read as it comes on a thread of its own so the child never blocks. */
  private static final class Output {
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    private Output(Process process) {
      reader =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(
                                process.getInputStream(), StandardCharsets.UTF_8))) {
                      for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (text) {
                          text.append(line).append('\n');
                        }
                      }
                    } catch (IOException closed) {
                      // the child ended: what it wrote is in text
                    }
                  });
    }

    static Output of(Process process) {
      return new Output(process);
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }

    /** Waits (bounded) for the child's last line. */
    void drained() throws InterruptedException {
      reader.join(Duration.ofSeconds(10));
    }

    /** The first group of {@code pattern} in what the child wrote; fails if the child exited. */
    Optional<String> find(Pattern pattern, Process process) {
      Matcher m = pattern.matcher(text());
      if (m.find()) {
        return Optional.of(m.group(1));
      }
      if (!process.isAlive()) {
        throw new AssertionError("exited with " + process.exitValue() + ":\n" + text());
      }
      return Optional.empty();
    }
  }
}

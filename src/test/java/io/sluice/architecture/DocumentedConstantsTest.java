package io.sluice.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The numbers docs/architecture.md gives for the controller's timings are the constants the code
 * runs on. The constants are read by name (most are package-private), so renaming one fails here
 * too, as a reminder to look at the sentence.
 */
final class DocumentedConstantsTest {
  private final String docs = Files.readString(Path.of("docs", "architecture.md"));

  DocumentedConstantsTest() throws IOException {}

  @Test
  void theProbersTimingsAreTheCodes() throws Exception {
    Duration keepAlive = duration("io.sluice.health.probe.HttpProber", "KEEP_ALIVE");
    long stallMillis =
        TimeUnit.NANOSECONDS.toMillis(
            (long) constant("io.sluice.health.probe.LoopDelay", "STALL_NANOS"));

    assertThat(docs)
        .contains(
            "closes it after "
                + keepAlive.toSeconds()
                + " to "
                + keepAlive.multipliedBy(3).dividedBy(2).toSeconds()
                + " s idle")
        .contains("(a tick " + stallMillis + " ms late, `LoopDelay`)");
  }

  @Test
  void theControllersTimingsAreTheCodes() throws Exception {
    String reconciler = "io.sluice.controller.reconcile.RouteReconciler";
    String backoff = "io.sluice.controller.reconcile.Backoff";

    assertThat(duration("io.sluice.controller.daemon.DaemonOptions", "DEFAULT_TICK"))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(docs)
        .contains("`TickLoop` ticks every second")
        .contains(
            "backs off (`Backoff`: "
                + duration(backoff, "FIRST").toSeconds()
                + " s doubling to "
                + duration(backoff, "MAX").toSeconds()
                + " s, but at most "
                + duration(backoff, "URGENT_MAX").toSeconds()
                + " s while the")
        .contains(
            "after "
                + constant(backoff, "ESCALATE_AFTER")
                + " failures in a row the route is escalated")
        .contains(
            "A read or a change still in flight after "
                + duration(reconciler, "STUCK_AFTER").toMinutes()
                + " minutes")
        .contains(
            "The cloud is re-read every " + duration(reconciler, "REREAD_EVERY").toSeconds() + " s")
        .contains(
            "`prewarm.waitFor` ("
                + duration(
                        "io.sluice.controller.config.BackendConfig$PrewarmConfig",
                        "DEFAULT_WAIT_FOR")
                    .toSeconds()
                + " s by default")
        .contains(
            "let the change in flight finish within "
                + duration("io.sluice.controller.daemon.Daemon", "SHUTDOWN_DEADLINE").toSeconds()
                + " s");
  }

  @Test
  void theStatusPagesPollIsTheScripts() throws IOException {
    Matcher poll =
        Pattern.compile("const POLL_MS = (\\d+);")
            .matcher(
                Files.readString(
                    Path.of("controller/resources/io/sluice/controller/api/page/status.js")));

    assertThat(poll.find()).as("status.js's POLL_MS").isTrue();
    assertThat(docs)
        .contains("`/v1/services` every " + Integer.parseInt(poll.group(1)) / 1000.0 + " s");
  }

  private static Duration duration(String type, String name) throws Exception {
    return (Duration) constant(type, name);
  }

  private static Object constant(String type, String name) throws Exception {
    Field field = Class.forName(type).getDeclaredField(name);
    field.setAccessible(true);
    return field.get(null);
  }
}

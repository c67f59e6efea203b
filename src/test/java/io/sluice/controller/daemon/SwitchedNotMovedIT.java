package io.sluice.controller.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.controller.reconcile.MoveCheck;
import io.sluice.meters.MeterNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Switched but not moved" against the running daemon: shop fails over to SCF, the cloud accepts
 * and reads back the change, but Cloud Monitor's figures for SCF's rule count no requests (the
 * sandbox mutes the domain). The first verification window ends NOT_MOVED and is retried (a fresh
 * read, the plan re-applied and journaled); the second is escalated and shown by /readyz.
 *
 * <p>Cloud Monitor reports real minutes, and a window is three of them. The daemon's wall clock
 * starts a window behind, and the test moves it forward past each window's end (never more than a
 * window ahead of real time, which the load reads look back over), so the figures the sandbox
 * reports for the real minute in progress fall inside every window it judges.
 */
final class SwitchedNotMovedIT {
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Duration WINDOW = PERIOD.multipliedBy(MoveCheck.WINDOW_PERIODS);
  private static final Duration LOAD_EVERY = Duration.ofSeconds(10);
  // a load read after the change, the next tick, and CI slack: twice the failover bound, as this
  // timed out once at 30 s on a machine at load 14 (a judgement without figures fails fast below)
  private static final Duration JUDGE_BOUND =
      LOAD_EVERY.plus(FaultWorld.FAILOVER_BOUND.multipliedBy(2));

  @TempDir Path stateDir;

  @Test
  void aChangeTheRequestsDoNotFollowIsRetriedOnceThenEscalated() throws Exception {
    FakeWallClock wall = new FakeWallClock(Instant.now().minus(WINDOW));
    try (FaultWorld world =
        FaultWorld.in(stateDir)
            .wall(wall)
            .world(w -> w.replace("settings:\n", "settings:\n  monitorOpenPeriod: true\n"))
            .config(
                c ->
                    c.replace(
                        "        function: { name: hello-clb }\n",
                        "        function: { name: hello-clb }\n        signals: { load: {"
                            + " interval: "
                            + LOAD_EVERY.toSeconds()
                            + "s } }\n"))
            // from the start, so no period the windows judge holds requests counted before
            .beforeDaemon(cloud -> cloud.sandbox().traffic().mute(FaultWorld.SHOP))
            .start()) {
      world.awaitSteady();
      world.stopCvm();
      await().atMost(FaultWorld.CONVERGE_BOUND).until(world::onScf);
      await()
          .atMost(FaultWorld.CONVERGE_BOUND)
          .until(() -> FaultWorld.outcomes(world.journal()).contains("APPLIED"));
      assertThat(verifications(world, "not_moved")).isZero();

      wall.set(wall.instant().plus(WINDOW).plusSeconds(5));
      await()
          .atMost(JUDGE_BOUND)
          .failFast(
              "the window was judged without figures (no_data), not as not moved",
              () -> verifications(world, "no_data") > 0)
          .until(() -> verifications(world, "not_moved") == 1);
      await()
          .atMost(FaultWorld.CONVERGE_BOUND)
          .until(
              () ->
                  FaultWorld.ofType(world.journal(), "INTENT").stream()
                      .anyMatch(
                          i ->
                              i.at("/fields/reason")
                                  .asText()
                                  .startsWith(
                                      "re-applying cvm=0,scf=100: switched but not moved")));
      assertThat(verifications(world, "escalated")).isZero();
      assertThat(readyz(world)).doesNotContain("escalated");

      // no further than three periods ahead of the real minute, or the load reads would ask for
      // periods the sandbox has not reached; the window then ends a few real seconds later
      wall.set(wall.instant().plus(WINDOW).minusSeconds(5));
      await().atMost(JUDGE_BOUND).until(() -> verifications(world, "escalated") == 1);

      assertThat(verifications(world, "not_moved")).isEqualTo(2);
      assertThat(verifications(world, "moved")).isZero();
      assertThat(readyz(world))
          .startsWith("ready\n")
          .contains("escalated: shop/shop: switched but not moved");
      assertThat(world.onScf()).as("the routing stays where the policy wants it").isTrue();
      assertThat(FaultWorld.outcomes(world.journal())).last().isEqualTo("APPLIED");
    }
  }

  private static double verifications(FaultWorld world, String outcome) {
    return world.counter(MeterNames.VERIFICATIONS, outcome);
  }

  private static String readyz(FaultWorld world) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      return client
          .send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + world.daemon().httpPort() + "/readyz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}

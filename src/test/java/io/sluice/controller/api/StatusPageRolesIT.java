package io.sluice.controller.api;

import static io.sluice.controller.api.ApiHarness.SHOP_OPERATOR;
import static io.sluice.controller.api.ApiHarness.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import io.sluice.controller.ha.Group;
import io.sluice.controller.ha.MemoryCluster;
import io.sluice.health.Evidence;
import io.sluice.policies.Backend;
import io.sluice.policies.Verdict;
import io.sluice.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The status page offers only what the token may do: a viewer sees state and no buttons; a shop
 * operator gets pin and clear on shop only, and no resume (admins only). In a replica group it
 * shows the replica's role, the leader (linked to its own page) and the replicas; alone, nothing of
 * it. Runs the page in {@link HeadlessChromium} against the API over in-memory routes.
 */
final class StatusPageRolesIT {
  // the page polls every 1.5 s; the rest is slack for a busy CI machine
  private static final Duration PAGE_BOUND = Duration.ofSeconds(10);
  private static final String SHOP = "section.service[data-service='shop'] ";
  private static final String LAB = "section.service[data-service='lab'] ";

  @TempDir Path stateDir;
  @TempDir Path profile;
  @TempDir Path groupStateDir;
  @AutoClose private ApiHarness api;
  @AutoClose private HeadlessChromium chromium;

  @BeforeEach
  void start() throws Exception {
    HeadlessChromium.require();
    api = ApiHarness.start(stateDir);
    api.ticks(3, Duration.ofSeconds(1));
    chromium = HeadlessChromium.start(profile);
  }

  @Test
  void viewersSeeStateAndOperatorsGetButtonsOnlyOnTheirServices() {
    chromium.browser().get(api.base() + "/");
    signIn(VIEWER, "(viewer)");
    chromium
        .waitFor(PAGE_BOUND)
        .until(d -> chromium.present(SHOP + ".route") && chromium.present(LAB + ".route"));
    // each poll draws the cards afresh: read them through a wait that tolerates a redraw
    chromium
        .waitFor(PAGE_BOUND)
        .until(d -> chromium.text(SHOP + ".verdict[data-backend='cvm']").equals("cvm UP"));
    assertThat(chromium.present(".controls")).isFalse();

    signIn(SHOP_OPERATOR, "(operator)");
    chromium.waitFor(PAGE_BOUND).until(d -> chromium.present(SHOP + ".controls button.pin"));
    assertThat(chromium.present(SHOP + "button.clear")).isTrue();
    assertThat(chromium.present(SHOP + "button.resume")).isFalse();
    assertThat(chromium.present(LAB + ".controls")).isFalse();
  }

  @Test
  void aReplicaShowsItsGroupWithTheLeaderLinkedAndADaemonAloneShowsNone() throws Exception {
    chromium.browser().get(api.base() + "/");
    signIn(VIEWER, "(viewer)");
    chromium.waitFor(PAGE_BOUND).until(d -> chromium.present(SHOP + ".route"));
    assertThat(chromium.find("#group").isDisplayed()).as("alone: no group").isFalse();

    AtomicLong nanos = new AtomicLong(Duration.ofMinutes(3).toNanos());
    MemoryCluster cluster = new MemoryCluster(nanos::get);
    cluster.join("a");
    Group b = cluster.join("b");
    cluster.elect("a");
    try (ApiHarness follower = ApiHarness.inGroup(groupStateDir, nanos, b)) {
      chromium.browser().get(follower.base() + "/"); // another origin: the token is asked again
      signIn(VIEWER, "(viewer)");
      chromium.waitFor(PAGE_BOUND).until(d -> chromium.find("#group").isDisplayed());
      assertThat(chromium.text("#group"))
          .contains("replica b follower", "epoch 1", "leader a at http://a:7070", "replicas: a, b");
      // each poll draws the group afresh: read the link through a wait that tolerates a redraw
      chromium
          .waitFor(PAGE_BOUND)
          .until(
              d -> "http://a:7070/".equals(chromium.find("#group .leader a").getAttribute("href")));

      cluster.elect("b");
      chromium.waitFor(PAGE_BOUND).until(d -> chromium.present("#group .role[data-role='leader']"));
      assertThat(chromium.text("#group")).contains("epoch 2", "leader b at http://b:7070");

      assertThat(chromium.present(SHOP + ".vantages")).as("no other vantage reported").isFalse();
      follower.evidence.put(
          "shop",
          Map.of(
              Backend.CVM,
              List.of(
                  new Evidence("b", "http", Verdict.UP, List.of()),
                  new Evidence(
                      "a", Evidence.REPORTED, Verdict.DOWN, List.of(), "reported 0.4 s ago"),
                  new Evidence(
                      "c", Evidence.REPORTED, Verdict.UP, List.of(), "reported 0.2 s ago"))));
      chromium
          .waitFor(PAGE_BOUND)
          .until(d -> chromium.present(SHOP + ".vantages .vantage[data-vantage='a']"));
      assertThat(chromium.text(SHOP + ".vantages li[data-backend='cvm']"))
          .isEqualTo("cvm: b/http UP, a DOWN, c UP");
      assertThat(chromium.find(SHOP + ".vantage[data-vantage='a']").getAttribute("title"))
          .isEqualTo("a/reported DOWN, reported 0.4 s ago");
    }
  }

  private void signIn(String token, String role) {
    chromium.type("#token", token);
    chromium.find("#token-use").click();
    chromium.waitFor(PAGE_BOUND).until(textToBePresentInElementLocated(By.id("who"), role));
  }
}

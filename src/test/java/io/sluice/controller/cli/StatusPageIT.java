package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.sluice.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser ({@link HeadlessChromium}) on {@code sluice demo}: the page
 * asks for a token, rejects a wrong one, shows shop with the demo's admin token, follows shop's
 * failover to SCF live, shows the API's 409 for a pin to the DOWN backend, and shows the pin to SCF
 * it then sets. The screenshot lands in target/status-page.png; with {@code
 * -Dsluice.docs.screenshot=true} it also replaces docs/status-page.png, the README's picture (off
 * by default so that a test run does not rewrite a tracked file).
 */
final class StatusPageIT {
  // the page polls every 1.5 s; the rest is slack for a busy CI machine
  private static final Duration PAGE_BOUND = Duration.ofSeconds(10);
  // confirmFor 3s after fall 3 x 1s, one tick, two CLB tasks of 300 ms; then slack for CI
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
  private static final String SHOP = "section.service[data-service='shop'] ";
  private static final String REASON = "CVM patching, see <b>OPS-42</b>";

  @TempDir Path stateDir;
  @TempDir Path profile;
  @AutoClose private RunningDemo demo;
  @AutoClose private HeadlessChromium chromium;

  @BeforeEach
  void start() {
    HeadlessChromium.require(); // before the demo: a missing browser fails at once
    demo = RunningDemo.start(stateDir);
    chromium = HeadlessChromium.start(profile);
  }

  @Test
  void anOperatorWatchesShopFailOverAndPinsItFromThePage() throws Exception {
    String page = "http://127.0.0.1:" + demo.httpPort() + "/";
    assertThat(demo.output()).contains(page).contains("SLUICE_TOKEN=" + demo.token());
    chromium.browser().get(page);
    WebDriverWait soon = chromium.waitFor(PAGE_BOUND);
    soon.until(visibilityOfElementLocated(By.id("prompt")));
    assertThat(chromium.present("section.service")).isFalse();

    useToken("not-the-token");
    soon.until(textToBePresentInElementLocated(By.id("error"), "token was not accepted"));
    assertThat(chromium.present("section.service")).isFalse();

    useToken(demo.token());
    soon.until(textToBePresentInElementLocated(By.id("who"), "(admin)"));
    chromium
        .waitFor(FAILOVER_BOUND)
        .until(d -> verdict("cvm").equals("cvm UP") && split("actual").equals("cvm=100,scf=0"));
    assertThat(chromium.find("#prompt").isDisplayed()).isFalse();
    assertThat(chromium.present(SHOP + ".override")).isFalse();

    demo.breakCvm();
    chromium
        .waitFor(FAILOVER_BOUND)
        .until(d -> verdict("cvm").equals("cvm DOWN") && split("actual").equals("cvm=0,scf=100"));
    assertThat(verdict("scf")).isEqualTo("scf UP");
    assertThat(chromium.text(SHOP + ".decisions")).contains("cvm=0,scf=100");

    // pinning to the DOWN backend needs force: the API's 409 problem is shown as it came
    pin("cvm", "2m", "back to cvm");
    soon.until(textToBePresentInElementLocated(By.cssSelector(SHOP + ".result.failed"), "409"));
    assertThat(chromium.text(SHOP + ".result")).contains("force");

    pin("scf", "2m", REASON);
    soon.until(textToBePresentInElementLocated(By.cssSelector(SHOP + ".override"), "pin"));
    assertThat(chromium.text(SHOP + ".override"))
        .contains("pin cvm=0,scf=100", "by demo-admin", "until", REASON);
    // the reason is text, not markup
    assertThat(chromium.present(SHOP + ".override b")).isFalse();
    assertThat(chromium.text(SHOP + ".result.ok")).startsWith("pinned to scf until");
    assertThat(split("desired")).isEqualTo("cvm=0,scf=100");

    Path shot = Path.of("target", "status-page.png");
    chromium.screenshot(shot);
    if (Boolean.getBoolean("sluice.docs.screenshot")) {
      Files.copy(shot, Path.of("docs", "status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void useToken(String token) {
    chromium.type("#token", token);
    chromium.find("#token-use").click();
  }

  private void pin(String backend, String ttl, String reason) {
    new Select(chromium.find(SHOP + "select.pin-backend")).selectByValue(backend);
    chromium.type(SHOP + "input.ttl", ttl);
    chromium.type(SHOP + "input.reason", reason);
    chromium.find(SHOP + "button.pin").click();
  }

  private String verdict(String backend) {
    return chromium.text(SHOP + ".verdict[data-backend='" + backend + "']");
  }

  /** The split a bar draws, read back from the weights it was drawn with. */
  private String split(String which) {
    WebElement bar = chromium.find(SHOP + ".bar-row[data-split='" + which + "']");
    return "cvm=" + bar.getDomAttribute("data-cvm") + ",scf=" + bar.getDomAttribute("data-scf");
  }
}

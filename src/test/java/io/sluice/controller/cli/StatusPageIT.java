package io.sluice.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.sluice.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver; nothing is downloaded) on {@code sluice demo}: the page asks for a token,
 * rejects a wrong one, shows shop with the demo's admin token, follows shop's failover to SCF live,
 * shows the API's 409 for a pin to the DOWN backend, and shows the pin to SCF it then sets. The
 * screenshot lands in target/status-page.png; with {@code -Dsluice.docs.screenshot=true} it is also
 * copied to docs/status-page.png, the README's picture (off by default so a test run does not
 * rewrite a tracked file).
 */
final class StatusPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String INSTALL_HINT = "apt-get install chromium chromium-driver";
  // the page polls every 1.5 s; the rest is slack for a busy CI machine
  private static final Duration PAGE_BOUND = Duration.ofSeconds(10);
  // confirmFor 3s after fall 3 x 1s, one tick, two CLB tasks of 300 ms; then slack for CI
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
  private static final String SHOP = "section.service[data-service='shop'] ";
  private static final String REASON = "CVM patching, see <b>OPS-42</b>";

  @TempDir Path stateDir;
  @TempDir Path profile;
  private RunningDemo demo;
  private WebDriver browser;

  @BeforeEach
  void start() {
    Path chromium = ExternalTool.require(CHROMIUM, INSTALL_HINT);
    Path chromedriver = ExternalTool.require(CHROMEDRIVER, INSTALL_HINT);
    demo = RunningDemo.start(stateDir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,760",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (demo != null) {
        demo.close();
      }
    }
  }

  @Test
  void anOperatorWatchesShopFailOverAndPinsItFromThePage() throws Exception {
    String page = "http://127.0.0.1:" + demo.httpPort() + "/";
    assertThat(demo.output()).contains(page).contains(DemoGuide.DEMO_TOKEN);
    browser.get(page);
    WebDriverWait soon = waitFor(PAGE_BOUND);
    soon.until(visibilityOfElementLocated(By.id("prompt")));
    assertThat(browser.findElements(By.cssSelector("section.service"))).isEmpty();

    useToken("not-the-token");
    soon.until(textToBePresentInElementLocated(By.id("error"), "token was not accepted"));
    assertThat(browser.findElements(By.cssSelector("section.service"))).isEmpty();

    useToken(DemoGuide.DEMO_TOKEN);
    soon.until(textToBePresentInElementLocated(By.id("who"), "(admin)"));
    waitFor(FAILOVER_BOUND)
        .until(d -> verdict("cvm").equals("cvm UP") && split("actual").equals("cvm=100,scf=0"));
    assertThat(browser.findElement(By.id("prompt")).isDisplayed()).isFalse();
    assertThat(browser.findElements(By.cssSelector(SHOP + ".override"))).isEmpty();

    demo.breakCvm();
    waitFor(FAILOVER_BOUND)
        .until(d -> verdict("cvm").equals("cvm DOWN") && split("actual").equals("cvm=0,scf=100"));
    assertThat(verdict("scf")).isEqualTo("scf UP");
    assertThat(text(SHOP + ".decisions")).contains("cvm=0,scf=100");

    // pinning to the DOWN backend needs force: the API's 409 problem is shown as it came
    pin("cvm", "2m", "back to cvm");
    soon.until(textToBePresentInElementLocated(By.cssSelector(SHOP + ".result.failed"), "409"));
    assertThat(text(SHOP + ".result")).contains("force");

    pin("scf", "2m", REASON);
    soon.until(textToBePresentInElementLocated(By.cssSelector(SHOP + ".override"), "pin"));
    assertThat(text(SHOP + ".override"))
        .contains("pin cvm=0,scf=100", "by demo-admin", "until", REASON);
    // the reason is text, not markup
    assertThat(browser.findElements(By.cssSelector(SHOP + ".override b"))).isEmpty();
    assertThat(text(SHOP + ".result.ok")).startsWith("pinned to scf until");
    assertThat(split("desired")).isEqualTo("cvm=0,scf=100");

    screenshot();
  }

  private void useToken(String token) {
    WebElement field = browser.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    browser.findElement(By.id("token-use")).click();
  }

  private void pin(String backend, String ttl, String reason) {
    new Select(browser.findElement(By.cssSelector(SHOP + "select.pin-backend")))
        .selectByValue(backend);
    retype(SHOP + "input.ttl", ttl);
    retype(SHOP + "input.reason", reason);
    browser.findElement(By.cssSelector(SHOP + "button.pin")).click();
  }

  private void retype(String css, String text) {
    WebElement field = browser.findElement(By.cssSelector(css));
    field.clear();
    field.sendKeys(text);
  }

  private String verdict(String backend) {
    return text(SHOP + ".verdict[data-backend='" + backend + "']");
  }

  /** The split a bar draws, read back from the weights it was drawn with. */
  private String split(String which) {
    WebElement bar =
        browser.findElement(By.cssSelector(SHOP + ".bar-row[data-split='" + which + "']"));
    return "cvm=" + bar.getDomAttribute("data-cvm") + ",scf=" + bar.getDomAttribute("data-scf");
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  /** The page redraws its state on every poll, so elements found a moment ago may be gone. */
  private WebDriverWait waitFor(Duration bound) {
    WebDriverWait wait = new WebDriverWait(browser, bound);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private void screenshot() throws Exception {
    Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", "status-page.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    if (Boolean.getBoolean("sluice.docs.screenshot")) {
      Files.copy(shot, Path.of("docs", "status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

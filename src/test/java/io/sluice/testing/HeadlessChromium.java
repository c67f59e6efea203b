package io.sluice.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver: the paths are
 * given, so Selenium never tries to download a driver or a browser. A missing Chromium fails the
 * test, naming how to install it ({@link ExternalTool}).
 */
public final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String INSTALL_HINT = "sudo apt-get install chromium chromium-driver";

  private final ChromeDriver browser;

  private HeadlessChromium(ChromeDriver browser) {
    this.browser = browser;
  }

  /** Fails the calling test when Chromium or its driver is not installed. */
  public static void require() {
    ExternalTool.require(CHROMIUM, INSTALL_HINT);
    ExternalTool.require(CHROMEDRIVER, INSTALL_HINT);
  }

  /** Starts a browser with a fresh profile in {@code profile} (a temporary folder). */
  public static HeadlessChromium start(Path profile) {
    require();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
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
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  public ChromeDriver browser() {
    return browser;
  }

  public WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  public boolean present(String css) {
    return !browser.findElements(By.cssSelector(css)).isEmpty();
  }

  public String text(String css) {
    return find(css).getText();
  }

  /** Clears a field and types {@code text} into it. */
  public void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /** A wait that tolerates elements a page redraw has just replaced. */
  public WebDriverWait waitFor(Duration bound) {
    WebDriverWait wait = new WebDriverWait(browser, bound);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Saves what the browser shows as a PNG. */
  public void screenshot(Path to) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(to.toAbsolutePath().getParent());
    Files.copy(shot, to, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    browser.quit();
  }
}

package dev.cogalign.launcher.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it, in one Chromium tab: sign in, open pages, read and click
 * elements by their {@code data-testid}. Pages refresh themselves while something runs, so every
 * read waits and reads again when a refresh replaced the element.
 */
final class DashboardBrowser implements AutoCloseable {

  static final Duration PAGE_WAIT = Duration.ofSeconds(20);
  private static final int SCREENSHOT_MAX_HEIGHT = 2400;

  private final ChromeDriver browser;
  private final URI gateway;
  private final String key;

  /** Chromium with a fresh profile in {@code profile}, signed in with {@code key}. */
  DashboardBrowser(Path profile, URI gateway, String key) {
    this.browser = Chromium.start(profile);
    this.gateway = gateway;
    this.key = key;
    signIn(key);
  }

  ChromeDriver driver() {
    return browser;
  }

  String url(String path) {
    return gateway.resolve(path).toString();
  }

  /** The sign-in page, the key typed in, then the runs page. */
  void signIn(String key) {
    browser.get(url("/ui/sign-in"));
    waitForTestId("api-key").sendKeys(key);
    testId("sign-in").click();
    waitFor(ExpectedConditions.urlToBe(url("/ui/runs")));
  }

  /** Opens a page, signing in again if a test before left the browser signed out. */
  void open(String path) {
    browser.get(url(path));
    if (browser.getCurrentUrl().contains("/ui/sign-in")) {
      signIn(key);
      browser.get(url(path));
    }
  }

  static By byTestId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  WebElement testId(String id) {
    return browser.findElement(byTestId(id));
  }

  WebElement waitForTestId(String id) {
    return waitFor(ExpectedConditions.visibilityOfElementLocated(byTestId(id)));
  }

  /** Clicks the element, found again if the page's refresh replaced it meanwhile. */
  void clickTestId(String id) {
    waitFor(
        d -> {
          d.findElement(byTestId(id)).click();
          return true;
        });
  }

  /** The element's text as a person sees it. */
  String text(String id) {
    return waitFor(d -> d.findElement(byTestId(id)).getText());
  }

  /** Where the link reading {@code label} inside the element leads. */
  String link(String id, String label) {
    return waitFor(
        d -> d.findElement(byTestId(id)).findElement(By.linkText(label)).getAttribute("href"));
  }

  <T> T waitFor(Function<? super WebDriver, T> condition) {
    return waitFor(PAGE_WAIT, condition);
  }

  <T> T waitFor(Duration timeout, Function<? super WebDriver, T> condition) {
    return new WebDriverWait(browser, timeout)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The console's errors since the last call, but the 401 of a refused key. */
  List<String> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("status of 401"))
        .toList();
  }

  /**
   * With {@code COGALIGN_SCREENSHOTS=<folder>} in the environment: the whole page (up to 2400 px
   * tall) as {@code <folder>/dashboard-<name>.png}; otherwise nothing.
   */
  void screenshot(String name) {
    String folder = System.getenv("COGALIGN_SCREENSHOTS");
    if (folder == null || folder.isBlank()) {
      return;
    }
    try {
      long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
      browser
          .manage()
          .window()
          .setSize(new Dimension(Chromium.WIDTH, (int) Math.min(SCREENSHOT_MAX_HEIGHT, height)));
      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(Path.of(folder));
      Files.write(Path.of(folder, "dashboard-" + name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      browser.manage().window().setSize(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));
    }
  }

  @Override
  public void close() {
    browser.quit();
  }
}

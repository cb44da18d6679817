package dev.cogalign.launcher.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its own chromedriver: nothing is downloaded (Selenium
 * Manager is never asked, both executables are given), and Chromium's background connections are
 * off. A fresh profile in {@code profile}, a laptop-sized window.
 */
final class Chromium {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final int WIDTH = 1280;
  static final int HEIGHT = 900;

  private Chromium() {}

  /** Fails, naming the Debian packages, when either executable is missing. */
  static void requireInstalled() {
    for (Path executable : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(executable)) {
        throw new IllegalStateException(
            "The dashboard's browser tests need Debian's Chromium and its driver: "
                + executable
                + " is missing. Install them with `apt-get install -y chromium chromium-driver`"
                + " (.ci/run does this when they are missing).");
      }
    }
  }

  static ChromeDriver start(Path profile) {
    requireInstalled();
    try {
      Files.createDirectories(profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File(profile.toFile(), "chromedriver.log"))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
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
        "--user-data-dir=" + profile.resolve("user-data"),
        "--window-size=" + WIDTH + "," + HEIGHT);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    return new ChromeDriver(service, options);
  }

  /** Light or dark colour scheme for the pages loaded from now on. */
  static void colorScheme(ChromeDriver browser, String scheme) {
    browser.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }
}

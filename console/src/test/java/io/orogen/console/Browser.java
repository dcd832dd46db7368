package io.orogen.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code
 * ./orogen test} installs when they are missing), with its profile and screenshots under {@code
 * target/}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  /** Room for Chromium's ~50-character socket path below the 108-byte limit. */
  static final int SHORT_PATH = 48;

  private final Path scratch;

  final ChromeDriver driver;
  private final String base;

  Browser(String base) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver; ./orogen test installs them as root)");
    }
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.scratch = scratch();
    Path profile = scratch.resolve("profile-" + UUID.randomUUID());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1280,800",
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .withLogFile(Path.of("target/chromedriver.log").toFile())
            // Chromium's scratch files (its singleton socket among them) go in the scratch folder.
            .withEnvironment(Map.of("TMPDIR", scratch.resolve("tmp").toString()))
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ZERO);
  }

  /**
   * A folder for the browser's profile and temp files: {@code target/browser} when its path is
   * short, else a fresh folder in {@code /tmp}, removed at {@link #close}. Chromium's singleton
   * socket lives in its temp folder, and a Unix socket path must fit in 108 bytes: from a checkout
   * under a long path, {@code target/} does not.
   */
  private static Path scratch() {
    try {
      Path local = Path.of("target/browser").toAbsolutePath();
      Path dir =
          local.toString().length() <= SHORT_PATH
              ? local
              : Files.createTempDirectory(Path.of("/tmp"), "orogen-browser-");
      Files.createDirectories(dir.resolve("tmp"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /**
   * Clicks the element {@code css} selects; one that htmx swapped out between finding and clicking
   * it (a live page re-renders on every event) is looked for again.
   */
  void click(String css) {
    await(
        Duration.ofSeconds(10),
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Waits for {@code condition}; an element htmx swapped out between finding and reading it is
   * looked for again on the next poll.
   */
  <T> T await(Duration timeout, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves the page as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves the page's HTML as {@code target/screenshots/<name>.html}. */
  void saveSource(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the pages wrote to the browser's console at level SEVERE (errors). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
    if (scratch.startsWith("/tmp")) {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

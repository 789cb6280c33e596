package org.domainchat.webchat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's own headless Chromium, driven through Debian's chromedriver (never a downloaded browser), with a fresh
 * profile. When the packages are missing the tests are skipped with a visible message, except under CI, where that
 * is a failure: {@code .ci/run} installs them.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofMillis(25);

    /** Selenium warns on every start that it has no DevTools classes for this Chromium; the tests use none. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        QUIET.setLevel(java.util.logging.Level.SEVERE);
    }

    public final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts Chromium, or skips the calling test (fails under CI) when it is not installed. */
    public static Browser startOrSkip(Path profile, String language) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "; apt-get install chromium chromium-driver)";
            if (Boolean.parseBoolean(System.getProperty("domainchat.ci", System.getenv("CI")))) {
                throw new AssertionError(why + ": required under CI");
            }
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why + "; the browser tests are skipped");
        }
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,860",
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        service.sendOutputTo(java.io.OutputStream.nullOutputStream());
        service.start();
        try {
            return new Browser(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    public <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    /** Waits for a condition; when it never comes, says what the page showed and what its console said. */
    <T> T until(String what, Duration wait, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, wait, POLL).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited " + wait.toSeconds() + " s for: " + what + "\n--- page text:\n"
                    + pageText() + "\n--- console:\n" + console(), e);
        }
    }

    String pageText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
    }

    String console() {
        try {
            StringBuilder out = new StringBuilder();
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> out.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
            return out.toString();
        } catch (RuntimeException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    WebElement find(String css) {
        return until("an element " + css, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Clicks the element once it is shown; a row or pane re-rendered meanwhile is looked up again. */
    void click(String css) {
        until("a click on " + css, d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                if (found.isEmpty() || !found.get(0).isDisplayed()) {
                    return null;
                }
                found.get(0).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}

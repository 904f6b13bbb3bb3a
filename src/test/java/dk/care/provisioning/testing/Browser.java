package dk.care.provisioning.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, for tests of the pages people use: a phone or a desktop
 * window, a language, full-page screenshots, 200 % zoom and an axe-core accessibility check.
 *
 * <p>It uses the Chromium and ChromeDriver installed on the machine (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), never a downloaded one; where there is no
 * Chromium at all, {@link #open} skips the calling test with a message that says how to get one.
 */
public final class Browser implements AutoCloseable {

    /** A common phone's viewport in CSS pixels (iPhone 12–15 class). */
    public static final Window PHONE = new Window(390, 844, true);

    /** An administrator's laptop. */
    public static final Window DESKTOP = new Window(1280, 900, false);

    // WCAG 2.1 A and AA: what the accessibility check holds pages to.
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final ChromeDriver driver;
    private final Window window;

    private Browser(ChromeDriver driver, Window window) {
        this.driver = driver;
        this.window = window;
    }

    /** A viewport size in CSS pixels, and whether it is a touch phone. */
    public record Window(int width, int height, boolean mobile) {}

    /**
     * A new browser with the given window, asking for pages in {@code language} (e.g. "da"), or a
     * skipped test where this machine has no Chromium.
     */
    public static Browser open(Window window, String language) {
        Optional<Path> chromium = firstExisting("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> chromeDriver = firstExisting("CHROMEDRIVER", "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && chromeDriver.isPresent(),
                "No Chromium with ChromeDriver on this machine (looked at $CHROME_BIN, /usr/bin/chromium and "
                        + "$CHROMEDRIVER, /usr/bin/chromedriver): browser tests skipped. "
                        + "Install them with: apt-get install -y chromium chromium-driver (as .ci/run does)");
        var options = new ChromeOptions()
                .setBinary(chromium.get().toFile())
                // root in a container has no sandbox to offer; /dev/shm there is often 64 MB
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--lang=" + language, "--window-size=" + window.width() + "," + window.height(),
                        "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromeDriver.get().toFile())
                .usingAnyFreePort()
                .build();
        var browser = new Browser(new ChromeDriver(service, options), window);
        browser.emulate(window, 1);
        return browser;
    }

    /** The Selenium driver, for finding and using the page's elements. */
    public WebDriver driver() {
        return driver;
    }

    /** Loads {@code url} and waits until the document is complete. */
    public void get(String url) {
        driver.get(url);
        awaitLoaded();
    }

    /** Waits up to ten seconds for the current document to finish loading. */
    public void awaitLoaded() {
        leniently(await(Duration.ofSeconds(10))).until(d ->
                "complete".equals(driver.executeScript("return document.readyState")));
    }

    /**
     * Clicks {@code element}, which leaves the page (a submit, a link), and waits until a new document
     * shows {@code shown}. Right after the click the old document is still there and still "complete",
     * so waiting for a load event alone can pass before the browser has even left the page.
     */
    public void clickThrough(WebElement element, By shown) {
        // A mark on the old document's window: a new document comes with a new window object without it.
        driver.executeScript("window.leftByClickThrough = false");
        element.click();
        leniently(await(Duration.ofSeconds(30))).until(d -> !d.findElements(shown).isEmpty()
                && Boolean.TRUE.equals(driver.executeScript("return window.leftByClickThrough === undefined")));
        awaitLoaded();
    }

    /**
     * A waiting helper with the given timeout, for conditions of the page under test. A page that reloads
     * itself (the console's pending outcome) can replace an element between its look-up and its reading;
     * the wait then simply looks again.
     */
    public WebDriverWait await(Duration timeout) {
        var wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Lays the page out as at {@code percent} % browser zoom: the same screen, a CSS viewport that many
     * times smaller (WCAG 1.4.4 and 1.4.10 ask that content still works at 200 %).
     */
    public void zoom(int percent) {
        double factor = percent / 100.0;
        emulate(new Window((int) Math.round(window.width() / factor), (int) Math.round(window.height() / factor),
                window.mobile()), factor);
    }

    /**
     * Where a feature's screenshots go: {@code target/screenshots/<feature>}, or with
     * {@code -Dscreenshots.update-docs=true} the documentation's {@code docs/<feature>}, so that a run
     * changes the images in the documentation only when asked to.
     */
    public static Path screenshots(String feature) {
        return Boolean.getBoolean("screenshots.update-docs")
                ? Path.of("docs", feature) : Path.of("target", "screenshots", feature);
    }

    /** Writes a PNG of the whole page, not just the part in view, creating the folder if needed. */
    public Path screenshot(Path file) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double width = Math.max(((Number) content.get("width")).doubleValue(), 1);
        double height = Math.max(((Number) content.get("height")).doubleValue(), 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page's serious and critical WCAG 2.1 AA violations found by axe-core, each as one readable
     * line (rule, impact, help, and the elements concerned); empty for a page without any.
     */
    public List<String> seriousAccessibilityViolations() {
        Results results = new AxeBuilder().withTags(WCAG_AA).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core could not check " + driver.getCurrentUrl() + ": "
                    + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * While documents are swapped (a click that navigates, a page that reloads itself) Chromium answers
     * with assorted errors ("node does not belong to the document", no execution context); asking again
     * until the timeout is the right answer to all of them.
     */
    private static WebDriverWait leniently(WebDriverWait wait) {
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    private void emulate(Window viewport, double scale) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", viewport.width(), "height", viewport.height(),
                "deviceScaleFactor", scale, "mobile", viewport.mobile()));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", viewport.mobile()));
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(CheckedNode::getTarget).map(String::valueOf).toList();
    }

    private static Optional<Path> firstExisting(String environmentVariable, String... candidates) {
        return Stream.concat(Stream.ofNullable(System.getenv(environmentVariable)), Stream.of(candidates))
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }
}

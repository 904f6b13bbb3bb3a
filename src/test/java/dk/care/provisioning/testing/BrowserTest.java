package dk.care.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;

/** The browser the page tests rely on: its accessibility check can fail, and its screenshots show the whole page. */
// Nothing shared with other classes (own servers on free ports): runs beside them (junit-platform.properties).
@Execution(ExecutionMode.CONCURRENT)
class BrowserTest {

    private static final String LABELLED = """
            <!doctype html><html lang="en"><head><title>Form</title></head><body><main>
            <h1>Sign up</h1><label for="name">Name</label><input id="name" name="name">
            </main></body></html>""";

    @Test
    void theAccessibilityCheckReportsAFieldWithoutALabelAndPassesItOnceLabelled() {
        try (Browser browser = Browser.open(Browser.PHONE, "en")) {
            browser.get(page(LABELLED.replace("<label for=\"name\">Name</label>", "")));
            assertThat(browser.seriousAccessibilityViolations()).singleElement().asString().startsWith("label (critical)");

            browser.get(page(LABELLED));
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
        }
    }

    @Test
    void aScreenshotShowsTheWholePageAtThePhonesWidth(@TempDir Path folder) throws IOException {
        try (Browser browser = Browser.open(Browser.PHONE, "da")) {
            // without the viewport tag a phone lays a page out 980 px wide, as real phones do
            browser.get(page("<!doctype html><html lang=\"da\"><head><meta name=\"viewport\" "
                    + "content=\"width=device-width, initial-scale=1\"></head><body style=\"margin:0\">"
                    + "<div style=\"height:2000px\">lang</div><p id=\"end\">slut</p></body></html>"));
            assertThat(browser.driver().findElement(By.id("end")).getText()).isEqualTo("slut");

            var image = ImageIO.read(browser.screenshot(folder.resolve("page.png")).toFile());

            assertThat(image.getWidth()).isEqualTo(Browser.PHONE.width());
            assertThat(image.getHeight()).isGreaterThan(2000);
        }
    }

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

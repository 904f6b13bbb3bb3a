package dk.care.provisioning.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.Browser;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The registration page in a real headless Chromium on a phone-sized screen, in Danish, from the
 * link of an invitation made through Kafka: what the person sees, what the accessibility check
 * (axe-core, WCAG 2.1 AA) finds on every screen, and its screenshots ({@link Browser#screenshots}).
 */
class RegistrationBrowserTest extends WorkerIntegrationTest {

    private static final Path SCREENSHOTS = Browser.screenshots("registration");
    // Fixed, so that the screenshots stay the same from run to run; each run has a fresh database.
    private static final String USERNAME = "karen.hansen";

    @LocalServerPort
    private int port;

    @Test
    void registersFromTheSmsLinkSeeingTheErrorAtTheFieldAndThenTheSuccessPage() {
        Invitee invitee = Invitee.invite(this::send, request -> { });
        try (Browser browser = Browser.open(Browser.PHONE, "da")) {
            browser.get(url(invitee.pathAndFragment()));
            awaitHeading(browser, "Hej Karen");
            assertThat(browser.driver().getCurrentUrl()).as("the token left the address bar")
                    .doesNotContain(invitee.token()).doesNotContain("#");
            assertThat(text(browser, "main")).contains("Demo Care har oprettet dig som bruger", "Mindst 12 tegn");
            checkAccessibility(browser, "02-formular.png");

            type(browser, "username", USERNAME);
            type(browser, "password", "kaffe");
            assertThat(rule(browser, "min-length").getAttribute("class")).doesNotContain("met");
            assertThat(rule(browser, "username").getAttribute("class")).contains("met");
            submit(browser);

            browser.await(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
            browser.awaitLoaded();
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).as("focus on the error summary")
                    .isEqualTo("error-summary");
            assertThat(text(browser, "#error-summary")).contains("Der er et problem", "Adgangskoden skal være mindst 12 tegn");
            assertThat(text(browser, "#password-error")).contains("Adgangskoden skal være mindst 12 tegn");
            assertThat(browser.driver().findElement(By.id("password")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.driver().findElement(By.id("username")).getAttribute("value")).isEqualTo(USERNAME);
            checkAccessibility(browser, "03-fejl-ved-feltet.png");

            browser.driver().findElement(By.cssSelector("#error-summary a")).click();
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("password");
            type(browser, "password", "kaffe cykel juni solsikke");
            assertThat(rule(browser, "min-length").getAttribute("class")).contains("met");
            assertThat(rule(browser, "not-username").getAttribute("class")).contains("met");
            submit(browser);

            awaitHeading(browser, "Dit login er klar");
            assertThat(text(browser, "main")).contains(USERNAME, "Åbn appen eller administrationssystemet");
            checkAccessibility(browser, "04-klar.png");
            assertThat(jdbc.sql("select status from app_user where request_id = ?")
                    .param(invitee.request().getRequestId()).query(String.class).single()).isEqualTo("ACTIVE");

            // As from the SMS again: a new document, not a jump within the page at /register.
            browser.get("about:blank");
            browser.get(url(invitee.pathAndFragment()));
            awaitHeading(browser, "Invitationen er allerede brugt");
            assertThat(text(browser, "main")).contains("Log ind i appen");
            checkAccessibility(browser, "05-allerede-brugt.png");
        }
    }

    @Test
    void explainsAnExpiredLinkPastedIntoTheStartPage() {
        Invitee invitee = Invitee.invite(this::send, request -> { });
        jdbc.sql("update invitation set expires_at = now() - interval '1 second' where user_id = "
                + "(select id from app_user where request_id = ?)").param(invitee.request().getRequestId()).update();
        try (Browser browser = Browser.open(Browser.PHONE, "da")) {
            browser.get(url("/register"));
            awaitHeading(browser, "Vælg brugernavn og adgangskode");
            checkAccessibility(browser, "01-start.png");

            type(browser, "code", invitee.link());
            submit(browser);

            awaitHeading(browser, "Invitationen er udløbet");
            assertThat(text(browser, "main")).contains("Bed den, der inviterede dig, om at sende en ny invitation");
            checkAccessibility(browser, "06-udloebet.png");
        }
    }

    @Test
    void theFormWorksAt200PercentZoomWithLargeTouchTargets() {
        Invitee invitee = Invitee.invite(this::send, request -> { });
        try (Browser browser = Browser.open(Browser.PHONE, "da")) {
            browser.get(url(invitee.pathAndFragment()));
            awaitHeading(browser, "Hej Karen");
            List<WebElement> targets = browser.driver().findElements(By.cssSelector("main input:not([type=hidden]), button"));
            assertThat(targets).isNotEmpty().allSatisfy(target -> assertThat(target.getRect().getHeight())
                    .as("height of %s", target.getText().isEmpty() ? target.getAttribute("id") : target.getText())
                    .isGreaterThanOrEqualTo(44));

            browser.zoom(200);
            assertThat(((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling")
                    .isEqualTo(true);
            WebElement submit = browser.driver().findElement(By.cssSelector("main form button[type=submit]"));
            assertThat(submit.isDisplayed()).isTrue();
            checkAccessibility(browser, "07-formular-200-procent.png");
        }
    }

    private String url(String pathAndFragment) {
        return "http://localhost:" + port + pathAndFragment;
    }

    private static void awaitHeading(Browser browser, String heading) {
        browser.await(Duration.ofSeconds(15)).until(ExpectedConditions.textToBe(By.tagName("h1"), heading));
        browser.awaitLoaded();
    }

    private static void checkAccessibility(Browser browser, String screenshot) {
        browser.screenshot(SCREENSHOTS.resolve(screenshot));
        assertThat(browser.seriousAccessibilityViolations()).as(screenshot).isEmpty();
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void submit(Browser browser) {
        browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    private static WebElement rule(Browser browser, String name) {
        return browser.driver().findElement(By.cssSelector("[data-rule='" + name + "']"));
    }

    private static String text(Browser browser, String selector) {
        return browser.driver().findElement(By.cssSelector(selector)).getText();
    }
}

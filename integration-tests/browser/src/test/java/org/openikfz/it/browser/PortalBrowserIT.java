package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The distribution as a user meets it: started with bin/openikfz, opened in headless Chromium.
 * Vaadin components must really render (the HTTP answer alone is only an app shell), and a
 * procedure bundle dropped into deploy/ must show up on the open page and go away again.
 */
class PortalBrowserIT {

    private static RunningDistribution distribution;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        // the district offers the test procedure too: the portal lists only what the district offers
        distribution = RunningDistribution.start("browser", home -> org.openikfz.it.EtcFiles.configure(home, "org.openikfz.core",
                "district.procedures = ausserbetriebsetzung,wiederzulassung,erstzulassung,umschreibung,testverfahren"));
        browser = Browsers.chromium(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void homePageRendersVaadinComponents() throws Exception {
        browser.get(distribution.uri("/").toString());
        WebElement heading = wait(Duration.ofSeconds(20)).until(d -> first(d, By.tagName("h1")));
        assertEquals("Open i-Kfz", heading.getText());
        long upgraded = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('*'))"
                        + ".filter(e => e.localName.startsWith('vaadin-') && customElements.get(e.localName)).length;");
        assertTrue(upgraded > 0, "Vaadin web components are defined and rendered");
        screenshot("home");
    }

    /**
     * A new session speaks the browser's language of German and English (Accept-Language), German when the
     * browser names neither; the procedures' texts follow. This suite's browser asks for German (de-DE).
     */
    @Test
    void thePortalStartsInTheBrowsersLanguageGermanOtherwise() throws Exception {
        browser.get(distribution.uri("/").toString());
        wait(Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body")).getText().contains("Fahrzeugzulassung online"));
        for (Map.Entry<String, String> asked : Map.of("en-GB,en;q=0.9,de;q=0.5", "Vehicle registration online",
                "fr-FR,fr;q=0.9", "Fahrzeugzulassung online").entrySet()) {
            WebDriver other = Browsers.chromium(Map.of("intl.accept_languages", asked.getKey()));
            try {
                other.get(distribution.uri("/").toString());
                new WebDriverWait(other, Duration.ofSeconds(20)).until(d -> first(d, By.tagName("h1")) != null
                        && d.findElement(By.tagName("body")).getText().contains(asked.getValue()));
                String lang = (String) ((JavascriptExecutor) other).executeScript("return document.documentElement.lang;");
                assertEquals(asked.getValue().startsWith("Vehicle") ? "en" : "de", lang, asked.getKey());
            } finally {
                other.quit();
            }
        }
    }

    @Test
    void procedureBundleDeployedAtRuntimeAppearsAndDisappears() throws Exception {
        browser.get(distribution.uri("/").toString());
        wait(Duration.ofSeconds(20)).until(d -> first(d, By.tagName("h1")));
        assertFalse(hasProcedureCard("Testverfahren"), "no test procedure before deployment");

        Path fixture = Path.of(System.getProperty("openikfz.fixture.bundle"));
        Path deployed = distribution.home.resolve("deploy").resolve(fixture.getFileName());
        Path partial = distribution.home.resolve("deploy").resolve(fixture.getFileName() + ".part");
        Files.copy(fixture, partial, StandardCopyOption.REPLACE_EXISTING);
        long copied = System.nanoTime();
        Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);
        // the open page is updated by server push: no reload
        wait(Duration.ofSeconds(2)).until(d -> hasProcedureCard("Testverfahren"));
        System.out.printf("hot deployment: card on the open page after %d ms%n", (System.nanoTime() - copied) / 1_000_000);
        screenshot("deployed");

        browser.get(distribution.uri("/testverfahren").toString());
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.tagName("body")).getText()
                .contains("Testverfahren (Hot-Deployment)"));
        screenshot("procedure");

        Files.delete(deployed);
        long deleted = System.nanoTime();
        // the page showing the removed procedure is moved to the home page, which no longer lists it
        wait(Duration.ofSeconds(2)).until(d -> d.getCurrentUrl().equals(distribution.uri("/").toString())
                && first(d, By.tagName("h1")) != null && !hasProcedureCard("Testverfahren"));
        System.out.printf("hot undeployment: page moved home after %d ms%n", (System.nanoTime() - deleted) / 1_000_000);
        screenshot("undeployed");

        List<String> problems = distribution.log().lines()
                .filter(l -> l.contains("ERROR") || l.contains("Exception")).toList();
        assertEquals(List.of(), problems, "errors in logs/openikfz.log");
    }

    private static boolean hasProcedureCard(String text) {
        // read all cards in one script: the page re-renders through push while we look
        Object cards = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('vaadin-card')).map(c => c.innerText).join('\\n');");
        return String.valueOf(cards).contains(text);
    }

    private static WebElement first(WebDriver driver, By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(50));
        return wait;
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("openikfz.screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}

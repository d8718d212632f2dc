package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A citizen deregisters the KBA simulator's demo vehicle through the UI, on a phone-sized screen:
 * dialog, verification against the simulated register, payment on the ePayment simulator's page,
 * submission, and the decision PDF, which is downloaded and read. Every step is checked with axe-core
 * for WCAG 2.1 A/AA violations.
 */
class AusserbetriebsetzungBrowserIT {

    private static RunningDistribution distribution;
    private static WebDriver browser;
    private static Path downloads;
    private static String axe;
    private static final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("abmelden");
        downloads = Files.createTempDirectory("openikfz-downloads");
        browser = Browsers.chromium(Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true));
        // a phone: 360 CSS pixels wide
        browser.manage().window().setSize(new Dimension(360, 800));
        try (InputStream in = AusserbetriebsetzungBrowserIT.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
    void citizenDeregistersTheDemoVehicleAndDownloadsTheDecision() throws Exception {
        browser.get(distribution.uri("/ausserbetriebsetzung").toString());
        waitForText("Fahrzeug abmelden (Außerbetriebsetzung)");
        accessible("fahrzeug");
        type("kennzeichen", "ERZ-AB 123");
        choose("wechselkennzeichen", "Nein");
        choose("halter", "Ja");
        screenshot("abmelden-1-fahrzeug");
        button("Weiter");

        waitForText("Bevor Sie etwas freilegen");
        accessible("hinweis");
        choose("hinweisGelesen", "Ja");
        button("Weiter");

        waitForText("Code der Stempelplakette vorne");
        accessible("codes");
        type("plaketteVorn", "K7m");
        type("plaketteHinten", "P2x");
        type("zb1Code", "Ab3De4F");
        screenshot("abmelden-3-codes");
        button("Weiter");

        waitForText("Wurde das Fahrzeug verwertet");
        choose("verwertet", "Nein");
        button("Weiter");
        waitForText("Möchten Sie das Kennzeichen");
        choose("kennzeichenReservieren", "Nein");
        button("Angaben prüfen");

        waitForText("Angaben prüfen lassen");
        accessible("review");
        button("Angaben prüfen lassen");

        waitForText("Gebühren bezahlen");
        assertTrue(body().contains("2,70"), "the fee is shown before payment: " + body());
        accessible("fees");
        screenshot("abmelden-4-gebuehren");
        button("Gebühren bezahlen");

        // the ePayment simulator's page
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Jetzt bezahlen"));
        accessible("epayment");
        browser.findElement(By.xpath("//button[normalize-space()='Jetzt bezahlen']")).click();

        waitForText("Antrag verbindlich stellen");
        button("Antrag verbindlich stellen");
        waitForText("Bescheid herunterladen (PDF)");
        accessible("decision");
        screenshot("abmelden-5-bescheid");
        String reference = browser.findElements(By.cssSelector(".ikfz-review-row .value")).get(0).getText();
        browser.findElement(By.cssSelector("a.ikfz-download")).click();

        Path pdf = waitForDownload();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains(reference), text);
            assertTrue(text.contains("ERZ-AB 123"), text);
            assertTrue(text.contains("Außerbetriebsetzung"), text);
        }
        String transfersBefore = simulator("/kba/admin/vehicles");
        assertTrue(transfersBefore.contains("ERZ-AB 123"));
        assertEquals(List.of(), violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    private void accessible(String step) {
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(axe
                + ";const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done({passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): '"
                + " + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))}));");
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) result;
        assertTrue(((Number) outcome.get("passes")).intValue() > 0, "axe-core ran its rules on " + step);
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) outcome.get("violations");
        found.forEach(v -> violations.add(step + ": " + v));
        // WCAG 1.4.10 (reflow): nothing may need horizontal scrolling on the 360 px screen
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "const w = document.documentElement.clientWidth; const wide = Array.from(document.querySelectorAll('body *'))"
                        + ".filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.localName + '.' + e.className).slice(0, 5);"
                        + "if (document.documentElement.scrollWidth > w + 1) { wide.push('page ' + document.documentElement.scrollWidth + ' > ' + w);"
                        + " const all = []; const walk = r => r.querySelectorAll('*').forEach(e => { all.push(e); if (e.shadowRoot) walk(e.shadowRoot); }); walk(document);"
                        + " all.forEach(e => { const b = e.getBoundingClientRect(); if (b.right > w + 1) wide.push('shadow ' + e.localName + '.' + e.className + ' ' + Math.round(b.left) + '-' + Math.round(b.right)); });"
                        + " const t = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n; while ((n = t.nextNode())) { const r = document.createRange(); r.selectNodeContents(n); const b = r.getBoundingClientRect(); if (b.right > w + 1) wide.push('text ' + n.textContent.slice(0, 30)); } }"
                        + "return wide;");
        if (!((List<?>) overflow).isEmpty()) {
            violations.add(step + ": reflow: wider than the screen: " + overflow);
        }
        System.out.printf("axe-core %s: %s rules passed, %d violated%n", step, outcome.get("passes"), found.size());
    }

    private static void type(String field, String value) {
        WebElement input = browser.findElement(By.cssSelector("#field-" + field + " input"));
        input.clear();
        input.sendKeys(value);
    }

    private static void choose(String field, String label) {
        WebElement group = browser.findElement(By.id("field-" + field));
        group.findElements(By.tagName("vaadin-radio-button")).stream().filter(b -> b.getText().trim().equals(label))
                .findFirst().orElseThrow().findElement(By.tagName("input")).click();
    }

    private static void button(String text) {
        browser.findElements(By.tagName("vaadin-button")).stream().filter(b -> b.getText().trim().equals(text))
                .findFirst().orElseThrow(() -> new AssertionError("no button " + text + " in: " + body())).click();
    }

    private static void waitForText(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                .withMessage(() -> "waiting for '" + text + "'; page: " + body())
                .until(d -> body().contains(text));
    }

    private static String body() {
        // one script, so a page that is being replaced (navigation to the payment page) cannot go stale under us
        Object text = ((JavascriptExecutor) browser).executeScript("return document.body ? document.body.innerText : '';");
        return String.valueOf(text);
    }

    private static Path waitForDownload() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(downloads)) {
                var pdf = files.filter(f -> f.toString().endsWith(".pdf")).findFirst();
                if (pdf.isPresent() && Files.size(pdf.get()) > 0) {
                    return pdf.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no PDF downloaded");
    }

    private static String simulator(String path) throws IOException, InterruptedException {
        String port = Files.readString(distribution.home.resolve("etc/org.openikfz.simulator.http.cfg")).replaceAll("\\D", "");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("openikfz.screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}

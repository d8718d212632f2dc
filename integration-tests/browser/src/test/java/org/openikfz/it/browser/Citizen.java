package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A citizen on a phone (360 CSS pixels wide) in headless Chromium, in German: types, chooses,
 * presses buttons, downloads, and has every screen checked with axe-core for WCAG 2.1 A/AA
 * violations and for reflow (WCAG 1.4.10). The violations are collected; a test asserts there are none.
 */
final class Citizen implements AutoCloseable {

    final WebDriver browser;
    final Path downloads;
    final List<String> violations = new ArrayList<>();
    private final String axe;

    Citizen() throws Exception {
        downloads = Files.createTempDirectory("openikfz-downloads");
        browser = Browsers.chromium(Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true));
        browser.manage().window().setSize(new Dimension(360, 800));
        try (InputStream in = Citizen.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        browser.quit();
    }

    void open(String url) {
        browser.get(url);
    }

    /** Runs axe-core's WCAG 2.1 A/AA rules and the reflow check on the screen as it is. */
    void accessible(String screen) {
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(axe
                + ";const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done({passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): '"
                + " + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))}));");
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) result;
        assertTrue(((Number) outcome.get("passes")).intValue() > 0, "axe-core ran its rules on " + screen);
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) outcome.get("violations");
        found.forEach(v -> violations.add(screen + ": " + v));
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
            violations.add(screen + ": reflow: wider than the screen: " + overflow);
        }
        System.out.printf("axe-core %s: %s rules passed, %d violated%n", screen, outcome.get("passes"), found.size());
    }

    /** Types into the dialog field with the given field id. */
    void type(String field, String value) {
        typeInto("field-" + field, value);
    }

    /** Types into the text field (Vaadin component) with the given element id. */
    void typeInto(String id, String value) {
        // found anew when the page re-rendered the field meanwhile (a step shown again, a server round trip)
        new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "no field " + id + " in: " + body())
                .until(d -> {
                    WebElement input = d.findElement(By.cssSelector("#" + id + " input"));
                    input.clear();
                    input.sendKeys(value);
                    return true;
                });
    }

    /** Types a date as a German user does (TT.MM.JJJJ) and leaves the field. */
    void typeDate(String field, String isoDate) {
        String[] parts = isoDate.split("-");
        WebElement input = browser.findElement(By.cssSelector("#field-" + field + " input"));
        input.clear();
        input.sendKeys(parts[2] + "." + parts[1] + "." + parts[0], Keys.TAB);
    }

    /** Chooses the radio button with the given label. */
    void choose(String field, String label) {
        WebElement group = browser.findElement(By.id("field-" + field));
        group.findElements(By.tagName("vaadin-radio-button")).stream().filter(b -> b.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no choice '" + label + "' in " + field))
                .findElement(By.tagName("input")).click();
    }

    /** Opens a dialog field's drop-down list and picks the item with the given label. */
    void select(String field, String label) {
        selectIn("field-" + field, label);
    }

    /** Opens the drop-down list (Vaadin select) with the given element id and picks the item with the given label. */
    void selectIn(String id, String label) {
        browser.findElement(By.id(id)).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !d.findElements(By.tagName("vaadin-select-item")).isEmpty());
        browser.findElements(By.tagName("vaadin-select-item")).stream().filter(i -> i.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no item '" + label + "' in " + id)).click();
    }

    /** Clicks the button with this text; found anew should the page re-render it meanwhile (a stale element). */
    void button(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "no button " + text + " in: " + body())
                .until(d -> {
                    java.util.Optional<WebElement> button = d.findElements(By.tagName("vaadin-button")).stream()
                            .filter(b -> b.getText().trim().equals(text)).findFirst();
                    button.ifPresent(WebElement::click);
                    return button.isPresent();
                });
    }

    boolean hasButton(String text) {
        Object found = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('vaadin-button')).some(b => b.innerText.trim() === arguments[0]);", text);
        return Boolean.TRUE.equals(found);
    }

    /** Waits until the page's Vaadin client has no request to the server under way (e.g. the answer to a choice). */
    void settled() {
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(20))
                .withMessage(() -> "the page kept talking to the server: " + body())
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "const f = window.Vaadin && window.Vaadin.Flow; if (!f || !f.clients) return true;"
                                + "return Object.values(f.clients).every(c => !c.isActive || !c.isActive());")));
    }

    void waitForText(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                .withMessage(() -> "waiting for '" + text + "'; page: " + body())
                .until(d -> body().contains(text));
    }

    /** The page's text, read in one script, so a page being replaced cannot go stale under us. */
    /**
     * Waits until the step the progress list marks current has the keyboard focus on its heading, and that heading is
     * at the top of the screen (not below it, as after a "Weiter" on a phone before); returns the heading.
     */
    String stepHeadingFocusedInView() {
        Object[] seen = new Object[1];
        new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                .withMessage(() -> "the current step's heading focused at the top of the screen; seen: " + seen[0])
                .until(d -> {
                    Object r = ((JavascriptExecutor) d).executeScript("const a = document.activeElement;"
                            + "const current = document.querySelector('.ikfz-steps li.current');"
                            + "if (!a || a.localName !== 'h2') return 'focus on ' + (a ? a.localName + '.' + a.className : 'nothing');"
                            + "const top = a.getBoundingClientRect().top;"
                            + "if (top < -2 || top > window.innerHeight / 3) return 'heading ' + a.innerText + ' at ' + top + ' px';"
                            + "return current && current.innerText.trim() === a.innerText.trim() ? 'ok ' + a.innerText"
                            + " : 'heading ' + a.innerText + ', current step ' + (current ? current.innerText : 'none');");
                    seen[0] = r;
                    return String.valueOf(r).startsWith("ok ");
                });
        return String.valueOf(seen[0]).substring(3);
    }

    /** The step counter ("Schritt 2 von 6") as the progress list shows it: its number is the current pill's, its total the pills'. */
    String stepCounterMatchesProgress() {
        Object r = ((JavascriptExecutor) browser).executeScript("const c = document.querySelector('.ikfz-step-counter');"
                + "const pills = Array.from(document.querySelectorAll('.ikfz-steps li'));"
                + "const at = pills.findIndex(p => p.classList.contains('current')) + 1;"
                + "return [c ? c.innerText.trim() : null, at, pills.length];");
        List<?> seen = (List<?>) r;
        String expected = "Schritt " + seen.get(1) + " von " + seen.get(2);
        assertEquals(expected, seen.get(0), "the counter next to the progress list");
        return expected;
    }

    /** Presses Enter in the dialog field with the given field id. */
    void enterIn(String field) {
        browser.findElement(By.cssSelector("#field-" + field + " input")).sendKeys(Keys.ENTER);
    }

    String body() {
        Object text = ((JavascriptExecutor) browser).executeScript("return document.body ? document.body.innerText : '';");
        return String.valueOf(text);
    }

    /** Clicks the download link with the given id and waits for the PDF; returns the file. */
    Path download(String linkId) throws Exception {
        return downloadFile(linkId, ".pdf");
    }

    /** Clicks the download link with the given id and waits for a file ending in {@code suffix}; returns it. */
    Path downloadFile(String linkId, String suffix) throws Exception {
        try (var old = Files.list(downloads)) {
            for (Path file : (Iterable<Path>) old::iterator) {
                Files.delete(file);
            }
        }
        browser.findElement(By.id(linkId)).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(downloads)) {
                var pdf = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
                if (pdf.isPresent() && Files.size(pdf.get()) > 0) {
                    return pdf.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing downloaded from " + linkId);
    }

    void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("openikfz.screenshots"));
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}

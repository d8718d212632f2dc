package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A citizen deregisters the KBA simulator's demo vehicle through the UI, on a phone-sized screen:
 * dialog, verification against the simulated register, payment on the ePayment simulator's page,
 * submission, and the decision PDF, which is downloaded and read. Every step is checked with axe-core
 * for WCAG 2.1 A/AA violations.
 */
class AusserbetriebsetzungBrowserIT {

    private static RunningDistribution distribution;
    private static Citizen citizen;

    @BeforeAll
    static void start() throws Exception {
        // the authority's legal pages, as a district configures them (linked in the footer)
        distribution = RunningDistribution.start("abmelden", home -> java.nio.file.Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"),
                "imprintUrl=https://www.erzgebirgskreis.de/impressum\nprivacyUrl=https://www.erzgebirgskreis.de/datenschutz\n"
                        + "accessibilityUrl=https://www.erzgebirgskreis.de/barrierefreiheit\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND));
        citizen = new Citizen();
    }

    @AfterAll
    static void stop() throws Exception {
        if (citizen != null) {
            citizen.close();
        }
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void citizenDeregistersTheDemoVehicleAndDownloadsTheDecision() throws Exception {
        Citizen c = citizen;
        String email = "erika.abmelden@example.org";
        String[] shown = answerAndVerify(c, "ERZ-AB 123", "K7m", "P2x", "Ab3De4F", true, email);

        c.waitForText("Bezahlen und Antrag stellen");
        assertTrue(c.body().contains("2,70"), "the fee is shown before payment: " + c.body());
        c.accessible("fees");
        c.screenshot("abmelden-4-gebuehren");
        assertTrue(c.body().contains("mit der Zahlung stellen Sie den Antrag verbindlich."), c.body());
        c.button("Bezahlen und Antrag stellen");

        // the ePayment simulator's page; paid, the application is submitted and decided at once (no screen of its own)
        new WebDriverWait(c.browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Jetzt bezahlen"));
        c.accessible("epayment");
        c.browser.findElement(By.xpath("//button[normalize-space()='Jetzt bezahlen']")).click();
        c.waitForText("Bescheid herunterladen (PDF)");
        c.accessible("decision");
        c.screenshot("abmelden-5-bescheid");
        String reference = c.browser.findElements(By.cssSelector(".ikfz-review-row .value")).get(0).getText();

        Path pdf = c.download("document-decision");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains(reference), text);
            assertTrue(text.contains("ERZ-AB 123"), text);
            assertTrue(text.contains("Außerbetriebsetzung"), text);
        }
        assertTrue(new Api(distribution).simulator("/kba/admin/vehicles", null).contains("ERZ-AB 123"));
        // #18 item 3: the reference shown from the second step on is the decision's
        assertEquals(shown[0], reference);
        com.fasterxml.jackson.databind.JsonNode mail = new Api(distribution).mails(email, 1).get(0);
        assertTrue(mail.path("subject").asText().contains(reference), "the confirmation of the submission: " + mail);

        // the status page, by reference and code, without an account: a wrong code first, then the code as people type it
        c.open(distribution.uri("/status").toString());
        c.waitForText("Stand Ihres Antrags");
        c.accessible("status");
        c.typeInto("status-reference", reference);
        c.typeInto("status-code", "AAAA-AAAA-AAAA");
        c.button("Stand abfragen");
        c.waitForText("gibt es keinen Antrag");
        c.typeInto("status-code", shown[1].replace("-", "").toLowerCase() + Keys.ENTER);
        c.waitForText("Ihrem Antrag wird entsprochen");
        String result = c.browser.findElement(By.id("status-result")).getText();
        assertTrue(result.contains(reference) && result.contains("Bescheid") && result.contains("Landratsamt Erzgebirgskreis"), result);
        assertFalse(result.contains("ERZ-AB 123"), "no plate on the status page: " + result);
        c.accessible("status-entschieden");
        assertEquals(List.of(), c.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    /**
     * The register cannot be reached: the machine cannot decide, and the citizen is offered the choice (2019 memo on
     * § 15h(1) S. 3) — apply anyway, fees first, and the clerks decide, or withdraw. This one withdraws.
     */
    @Test
    void citizenWhoseApplicationCannotBeDecidedAutomaticallyWithdrawsIt() throws Exception {
        Api api = new Api(distribution);
        try (Citizen c = new Citizen()) {
            api.simulator("/kba/admin/mode", "mode=unavailable");
            try {
                answerAndVerify(c, "ERZ-XY 42", "M4n", "Z9a", "Hx7Rt2Q", false, null);
                c.waitForText("Nicht automatisch entscheidbar");
            } finally {
                api.simulator("/kba/admin/mode", "mode=normal");
            }
            assertTrue(c.body().contains("2,70") && c.body().contains("Bezahlen und Antrag stellen"), "apply anyway, fees first: " + c.body());
            c.accessible("not-decidable");
            c.button("Antrag zurückziehen");
            c.waitForText("Sie haben den Antrag zurückgezogen");
            assertEquals(List.of(), c.violations, "WCAG 2.1 A/AA violations (axe-core)");
        }
        assertTrue(api.simulator("/fachverfahren/admin/inbox", null).indexOf("ERZ-XY 42") < 0, "nothing went to the authority");
    }

    /**
     * The dialog of an Außerbetriebsetzung up to "Angaben prüfen lassen", clicked, with an e-mail address for
     * confirmations if given: the reference number and status code it showed.
     */
    private static String[] answerAndVerify(Citizen c, String plate, String front, String rear, String zb1, boolean record, String email)
            throws Exception {
        c.open(distribution.uri("/ausserbetriebsetzung").toString());
        c.waitForText("Fahrzeug abmelden (Außerbetriebsetzung)");
        c.accessible("fahrzeug");
        // Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit on every page (a public body's portal, BITV 2.0)
        // and the status page, by reference number and code (#18 item 3)
        assertEquals(List.of("Stand Ihres Antrags " + distribution.uri("/status"),
                "Impressum https://www.erzgebirgskreis.de/impressum", "Datenschutz https://www.erzgebirgskreis.de/datenschutz",
                "Barrierefreiheit https://www.erzgebirgskreis.de/barrierefreiheit"), c.browser.findElements(By.cssSelector(".ikfz-legal a"))
                .stream().map(a -> a.getText().trim() + " " + a.getAttribute("href")).toList());
        // the keyboard's first stop skips the header (WCAG 2.4.1)
        c.browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("Zum Inhalt springen", ((org.openqa.selenium.JavascriptExecutor) c.browser)
                .executeScript("return document.activeElement.innerText.trim();"));
        c.type("kennzeichen", plate);
        c.choose("wechselkennzeichen", "Nein");
        c.choose("halter", "Ja");
        if (record) {
            c.screenshot("abmelden-1-fahrzeug");
        }
        c.button("Weiter");

        c.waitForText("Wurde das Fahrzeug verwertet");
        // on the 360 px phone the next step starts at the top of the screen, its heading focused
        c.stepHeadingFocusedInView();
        // from the second step on: the reference number and the status page's code, and the authority that decides
        String reference = c.browser.findElement(By.id("application-reference-number")).getText();
        String code = c.browser.findElement(By.id("application-status-code")).getText();
        assertTrue(reference.matches("ERZ-\\d{4}-\\d{8}") && code.matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"), reference + " " + code);
        assertTrue(c.browser.findElement(By.id("application-authority")).getText().startsWith("Landratsamt Erzgebirgskreis"));
        // three questions and the review: the Außerbetriebsetzung in four screens of its own (#18: at most eight in all)
        assertEquals("Schritt 2 von 4", c.stepCounterMatchesProgress());
        c.accessible("verwertung");
        c.choose("verwertet", "Nein");
        c.choose("kennzeichenReservieren", "Nein");
        c.button("Weiter");

        // FZV § 21: the codes last, once every other answer is given, and shown only once the warning is confirmed
        c.waitForText("Zum Schluss legen Sie die Sicherheitscodes frei");
        c.stepHeadingFocusedInView();
        assertTrue(c.browser.findElements(By.cssSelector("#field-zb1Code input")).stream().noneMatch(WebElement::isDisplayed),
                "no code field before the warning is confirmed");
        c.accessible("hinweis");
        c.choose("hinweisGelesen", "Ja");
        c.waitForText("Code der Stempelplakette vorne");
        c.accessible("codes");
        c.type("plaketteVorn", front);
        c.type("plaketteHinten", rear);
        c.type("zb1Code", zb1);
        // the codes mix upper and lower case and count as printed: a phone's keyboard must not capitalise them
        for (String codeField : List.of("plaketteVorn", "plaketteHinten", "zb1Code")) {
            WebElement input = c.browser.findElement(By.cssSelector("#field-" + codeField + " input"));
            assertEquals("none", input.getAttribute("autocapitalize"), codeField);
            assertEquals("false", input.getAttribute("spellcheck"), codeField);
        }
        if (record) {
            c.screenshot("abmelden-3-codes");
        }
        c.enterIn("zb1Code"); // Enter continues as "Angaben prüfen" does

        c.waitForText("Angaben prüfen lassen");
        assertEquals("Schritt 4 von 4", c.stepCounterMatchesProgress());
        c.accessible("review");
        if (email != null) {
            c.typeInto("confirmations-email", "erika@");
            c.button("Angaben prüfen lassen");
            c.waitForText("E-Mail-Adresse wie name@beispiel.de"); // refused at the field, nothing checked yet
            c.typeInto("confirmations-email", email);
        }
        c.button("Angaben prüfen lassen");
        return new String[] {reference, code};
    }
}

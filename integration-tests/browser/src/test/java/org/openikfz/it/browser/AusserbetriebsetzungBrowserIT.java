package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        distribution = RunningDistribution.start("abmelden");
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
        c.open(distribution.uri("/ausserbetriebsetzung").toString());
        c.waitForText("Fahrzeug abmelden (Außerbetriebsetzung)");
        c.accessible("fahrzeug");
        c.type("kennzeichen", "ERZ-AB 123");
        c.choose("wechselkennzeichen", "Nein");
        c.choose("halter", "Ja");
        c.screenshot("abmelden-1-fahrzeug");
        c.button("Weiter");

        c.waitForText("Bevor Sie etwas freilegen");
        c.accessible("hinweis");
        c.choose("hinweisGelesen", "Ja");
        c.button("Weiter");

        c.waitForText("Code der Stempelplakette vorne");
        c.accessible("codes");
        c.type("plaketteVorn", "K7m");
        c.type("plaketteHinten", "P2x");
        c.type("zb1Code", "Ab3De4F");
        c.screenshot("abmelden-3-codes");
        c.button("Weiter");

        c.waitForText("Wurde das Fahrzeug verwertet");
        c.choose("verwertet", "Nein");
        c.button("Weiter");
        c.waitForText("Möchten Sie das Kennzeichen");
        c.choose("kennzeichenReservieren", "Nein");
        c.button("Angaben prüfen");

        c.waitForText("Angaben prüfen lassen");
        c.accessible("review");
        c.button("Angaben prüfen lassen");

        c.waitForText("Gebühren bezahlen");
        assertTrue(c.body().contains("2,70"), "the fee is shown before payment: " + c.body());
        c.accessible("fees");
        c.screenshot("abmelden-4-gebuehren");
        c.button("Gebühren bezahlen");

        // the ePayment simulator's page
        new WebDriverWait(c.browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Jetzt bezahlen"));
        c.accessible("epayment");
        c.browser.findElement(By.xpath("//button[normalize-space()='Jetzt bezahlen']")).click();

        c.waitForText("Antrag verbindlich stellen");
        c.button("Antrag verbindlich stellen");
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
        assertEquals(List.of(), c.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }
}

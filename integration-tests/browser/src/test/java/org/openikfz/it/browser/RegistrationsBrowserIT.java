package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.it.browser.Applicants.ERIKA;
import static org.openikfz.it.browser.Applicants.MAX;
import static org.openikfz.it.browser.Applicants.MUSTER_GMBH;
import static org.openikfz.it.browser.Applicants.today;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.browser.Applicants.Vehicle;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Wiederzulassung, Erstzulassung and Umschreibung in the German dialog on a phone (360 px), each
 * from the electronic identification to the downloaded provisional proof of registration, every
 * screen checked with axe-core. The dialog is filled from the procedure's description in the machine
 * API (field types and choice labels), the way the UI renders any procedure: no procedure-specific
 * page code here either.
 */
class RegistrationsBrowserIT {

    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private static RunningDistribution distribution;
    private static Api api;
    private static Applicants applicants;
    private static Map<String, JsonNode> procedures;
    private Citizen citizen;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("registrations-browser");
        api = new Api(distribution);
        applicants = new Applicants(api);
        procedures = new HashMap<>();
        for (JsonNode p : api.call("GET", "/api/v1/procedures", null, null, 200).path("procedures")) {
            procedures.put(p.path("id").path("value").asText(), p);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @BeforeEach
    void browser() throws Exception {
        citizen = new Citizen();
    }

    @AfterEach
    void closeBrowser() {
        citizen.close();
    }

    @Test
    void wiederzulassungWithACorrectedEvb() throws Exception {
        Vehicle vehicle = applicants.deregistered(today().minusYears(2));
        Map<String, String> answers = DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), "ZZ77777", "Erika Mustermann");
        Dialog dialog = new Dialog("wiederzulassung");
        dialog.identify(ERIKA);
        dialog.fill(answers, true);
        citizen.button("Angaben prüfen lassen");

        // the insurers do not know the eVB: the finding, then back to its field
        citizen.waitForText("Bitte prüfen Sie diese Angaben");
        assertTrue(citizen.body().contains("nicht bekannt"), citizen.body());
        citizen.accessible("wiederzulassung-findings");
        citizen.screenshot("wiederzulassung-findings");
        citizen.button("Angaben korrigieren");
        dialog.fill(Map.of("evb", applicants.evb()), false);
        citizen.button("Angaben prüfen lassen");

        String plate = dialog.payAndSubmit("28,20");
        assertTrue(plate.startsWith("ERZ-") && !plate.equals(vehicle.plate()), "a new plate of the district: " + plate);
        dialog.provisionalProofShows(plate);
        assertEquals(List.of(), citizen.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    @Test
    void erstzulassungOfACompanyWithAnOrganisationskonto() throws Exception {
        String fin = applicants.newVehicle("Ez6Nf1Kp4Qr9", true, "");
        Dialog dialog = new Dialog("erstzulassung");
        dialog.identify(MUSTER_GMBH);
        dialog.fill(DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", applicants.evb(), "Muster GmbH"), true);
        citizen.button("Angaben prüfen lassen");
        String plate = dialog.payAndSubmit("28,20");
        dialog.provisionalProofShows(plate);
        assertEquals(List.of(), citizen.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    @Test
    void holderChangeKeepingThePlateAllowsDrivingAtOnce() throws Exception {
        Vehicle vehicle = applicants.registered();
        Map<String, String> answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", vehicle.plate(), vehicle.fin());
        answers.put("kennzeichenWahl", "behalten");
        answers.putAll(DemoAnswers.insuranceAndTax(applicants.evb(), "Max Mustermann"));
        Dialog dialog = new Dialog("umschreibung");
        dialog.identify(MAX);
        dialog.fill(answers, true);
        citizen.button("Angaben prüfen lassen");
        String plate = dialog.payAndSubmit("17,00");
        assertEquals(vehicle.plate(), plate, "the plate is kept");
        String steps = citizen.browser.findElement(By.cssSelector("ol[aria-label]")).getText();
        assertTrue(steps.contains("Versicherung") && steps.contains("Kfz-Steuer"), "back from the payment, the steps of this case: " + steps);
        // FZV §§ 31–32: 14 days, counted from today's retrieval
        String proof = dialog.provisionalProofShows(plate);
        assertTrue(proof.contains(GERMAN_DATE.format(today().plusDays(14))), proof);
        assertEquals(List.of(), citizen.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    /** One procedure's dialog, driven from its description. */
    private final class Dialog {

        private final String procedure;
        private final JsonNode description;
        private final Map<String, JsonNode> fields = new HashMap<>();

        Dialog(String procedure) {
            this.procedure = procedure;
            this.description = procedures.get(procedure);
            for (JsonNode step : description.path("dialog").path("steps")) {
                for (JsonNode field : step.path("fields")) {
                    fields.put(field.path("id").asText(), field);
                }
            }
            citizen.open(distribution.uri("/" + procedure).toString());
            citizen.waitForText(german(description.path("title")));
        }

        /** The identification round trip through the eID simulator's login page (FZV § 20). */
        void identify(int person) throws Exception {
            citizen.waitForText("Anmelden mit Online-Ausweis, BundID oder Organisationskonto");
            citizen.accessible(procedure + "-anmelden");
            citizen.browser.findElement(By.id("identification-start")).click();
            new WebDriverWait(citizen.browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Als wer möchten Sie sich ausweisen?"));
            citizen.browser.findElement(By.id("p" + person)).click();
            citizen.browser.findElement(By.xpath("//button[normalize-space()='Anmelden']")).click();
            citizen.waitForText("Sie haben sich elektronisch ausgewiesen.");
            citizen.accessible(procedure + "-angemeldet");
            citizen.browser.findElement(By.id("identification-continue")).click();
        }

        /**
         * Fills the steps from here to the review with the answers their visible fields ask for,
         * pressing "Weiter" and finally "Angaben prüfen"; checks each step once when {@code check}.
         */
        void fill(Map<String, String> answers, boolean check) throws Exception {
            for (int steps = 0; steps < 30; steps++) {
                String counter = waitForStep();
                if (counter == null) {
                    break; // the review
                }
                List<String> filled = new ArrayList<>();
                // a choice can show further fields: fill until no new answered field appears
                for (List<String> visible = visibleFields(); ; visible = visibleFields()) {
                    List<String> todo = visible.stream().filter(answers::containsKey).filter(f -> !filled.contains(f)).toList();
                    if (todo.isEmpty()) {
                        break;
                    }
                    for (String field : todo) {
                        enter(field, answers.get(field));
                        filled.add(field);
                    }
                    Thread.sleep(150); // the server's answer to a choice
                }
                if (check) {
                    citizen.accessible(procedure + "-step-" + counter.replaceAll("\\D*(\\d+).*", "$1"));
                }
                if (citizen.hasButton("Angaben prüfen")) {
                    citizen.button("Angaben prüfen");
                } else {
                    citizen.button("Weiter");
                }
                waitForChange(counter);
            }
            citizen.waitForText("Angaben prüfen lassen");
            if (check) {
                citizen.accessible(procedure + "-review");
                citizen.screenshot(procedure + "-review");
            }
        }

        /** From the fees to the decision: pays on the ePayment simulator, submits; returns the plate shown. */
        String payAndSubmit(String total) throws Exception {
            citizen.waitForText("Gebühren bezahlen");
            // the amounts as the page shows them, with a no-break space before the euro sign
            assertTrue(citizen.body().replace('\u00a0', ' ').contains("Summe\n" + total + " €"), "the fee is shown before payment: " + citizen.body());
            citizen.accessible(procedure + "-fees");
            citizen.screenshot(procedure + "-fees");
            citizen.button("Gebühren bezahlen");
            new WebDriverWait(citizen.browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Jetzt bezahlen"));
            citizen.browser.findElement(By.xpath("//button[normalize-space()='Jetzt bezahlen']")).click();
            citizen.waitForText("Antrag verbindlich stellen");
            citizen.button("Antrag verbindlich stellen");
            citizen.waitForText("Vorläufigen Zulassungsnachweis herunterladen (PDF)");
            citizen.accessible(procedure + "-decision");
            citizen.screenshot(procedure + "-decision");
            Object plate = ((JavascriptExecutor) citizen.browser).executeScript(
                    "const v = document.querySelector('#decision-kennzeichen .ikfz-kennzeichen-value'); return v ? v.innerText.trim() : null;");
            assertTrue(plate != null, "the plate is shown with the decision: " + citizen.body());
            return plate.toString();
        }

        /** Downloads the provisional proof of registration; asserts it names the plate and returns its text. */
        String provisionalProofShows(String plate) throws Exception {
            Path pdf = citizen.download("document-provisional-registration");
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(document);
                assertTrue(text.contains(plate), text);
                return text;
            }
        }

        private void enter(String field, String value) {
            JsonNode description = fields.get(field);
            switch (description.path("type").asText()) {
                case "YES_NO" -> citizen.choose(field, value.equals("true") ? "Ja" : "Nein");
                case "CHOICE" -> {
                    String label = null;
                    for (JsonNode choice : description.path("choices")) {
                        if (choice.path("value").asText().equals(value)) {
                            label = german(choice.path("label"));
                        }
                    }
                    if (description.path("choices").size() <= 4) {
                        citizen.choose(field, label);
                    } else {
                        citizen.select(field, label);
                    }
                }
                case "DATE" -> citizen.typeDate(field, value);
                // as on the HU sticker: MM.JJJJ
                case "MONTH" -> citizen.type(field, value.matches("\\d{4}-\\d{2}") ? value.substring(5) + "." + value.substring(0, 4) : value);
                default -> citizen.type(field, value);
            }
        }

        /** The ids of the fields shown now, in page order. */
        @SuppressWarnings("unchecked")
        private List<String> visibleFields() {
            return (List<String>) ((JavascriptExecutor) citizen.browser).executeScript(
                    "return Array.from(document.querySelectorAll('[id^=\"field-\"]')).filter(e => e.offsetParent !== null && !e.hidden)"
                            + ".map(e => e.id.substring(6));");
        }

        /** Waits for a step ("Schritt 3 von 9") or the review; returns the step's counter, null for the review. */
        private String waitForStep() {
            new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .withMessage(() -> "no step and no review: " + citizen.body())
                    .until(d -> counter() != null || citizen.body().contains("Angaben prüfen lassen"));
            return citizen.body().contains("Angaben prüfen lassen") ? null : counter();
        }

        private void waitForChange(String before) {
            new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .withMessage(() -> "still on " + before + ": " + citizen.body())
                    .until(d -> !before.equals(counter()));
        }

        private String counter() {
            Object text = ((JavascriptExecutor) citizen.browser).executeScript(
                    "const c = document.querySelector('.ikfz-step-counter'); return c ? c.innerText : null;");
            return text == null ? null : text.toString();
        }
    }

    private static String german(JsonNode text) {
        return text.path("texts").path("de").asText();
    }
}

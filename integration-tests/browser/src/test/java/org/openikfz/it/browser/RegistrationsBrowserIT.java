package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.it.browser.Applicants.ERIKA;
import static org.openikfz.it.browser.Applicants.LENA_OUTSIDE_THE_DISTRICT;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.browser.Applicants.Vehicle;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Wiederzulassung, Erstzulassung and Umschreibung in the German dialog on a phone (360 px), each
 * from the electronic identification to the downloaded provisional proof of registration, and the
 * Namensänderung to the clerk's decision, every
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
            procedures.put(p.path("id").asText(), p);
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
        // #18 item 1, FZV § 20(4): a Wunschkennzeichen that is taken is said at its step, and uses no correction
        String taken = applicants.freePlate();
        api.simulator("/kennzeichen/admin/taken", "kennzeichen=" + java.net.URLEncoder.encode(taken, java.nio.charset.StandardCharsets.UTF_8));
        Map<String, String> answers = DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", applicants.evb(), "Muster GmbH");
        answers.put("kennzeichenWahl", "wunsch");
        answers.put("wunschkennzeichen", taken);
        String refused = dialog.fillUntilRefused(answers, "wunschkennzeichen");
        assertTrue(refused.contains("nicht frei"), refused);
        String chosen = applicants.freePlate();
        answers.put("wunschkennzeichen", chosen);
        dialog.fill(answers, true);
        citizen.button("Angaben prüfen lassen");
        // 221.1.1 + the HU sticker's carrier + the chosen plate (GebOSt 220), no correction used
        String plate = dialog.payAndSubmit("38,40");
        assertEquals(chosen, plate);
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

    /**
     * The fifth procedure, Namensänderung (FZV § 15(1) S. 1 Nr. 1 with § 19(1)), rendered from its description like the
     * others: Erika married, the register still knows her as Erika Gabler. On a phone she logs in, says why and since when,
     * confirms her ID bears the new name, gives the plate and both codes, pays 11,10 € and is told the authority decides.
     * A clerk finds the case by its plate, sees the register's name next to the one from her online ID and why the
     * clerks decide, and grants it; the letter goes to her new name. Every screen checked with axe-core.
     */
    @Test
    void namensaenderungIsReportedOnlineAndGrantedByAClerk() throws Exception {
        Vehicle vehicle = applicants.vehicle("Erika Gabler", "registered=true");
        Dialog dialog = new Dialog("namensaenderung");
        dialog.identify(ERIKA);
        dialog.fill(DemoAnswers.namensaenderung(vehicle.plate(), today().minusDays(10)), true);
        String review = citizen.body();
        assertTrue(review.contains("Eheschließung oder Lebenspartnerschaft") && review.contains(vehicle.plate()), review);
        citizen.button("Angaben prüfen lassen");
        // GebOSt 225 and 225 S. 2 (a new ZB I)
        dialog.pay("11,10");
        citizen.waitForText("Ihr Antrag ist bei der Zulassungsbehörde");
        citizen.accessible("namensaenderung-eingereicht");
        citizen.screenshot("namensaenderung-eingereicht");
        assertFalse(citizen.body().contains("Vorläufigen Zulassungsnachweis"), "no automated decision: " + citizen.body());
        assertEquals(List.of(), citizen.violations, "WCAG 2.1 A/AA violations (axe-core)");

        String[] clerkAccount = Staff.accountByTheFirstOperator(distribution, "nora", "Nora Weber", "Sachbearbeitung", "ERZ");
        try (Citizen clerk = Staff.desktop()) {
            Staff.login(clerk, distribution, clerkAccount[0], clerkAccount[1], clerkAccount[2]);
            clerk.waitForText("Fälle zur Entscheidung");
            clerk.typeInto("case-search", vehicle.plate() + org.openqa.selenium.Keys.ENTER);
            // the list re-renders when the search is applied: the one link found and clicked anew until it holds
            new WebDriverWait(clerk.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .withMessage(() -> "the case in the list: " + clerk.body())
                    .until(d -> {
                        List<org.openqa.selenium.WebElement> links = d.findElements(By.cssSelector("a.ikfz-case-link"));
                        if (links.size() != 1 || !d.findElement(By.id("case-results")).getText().contains(vehicle.plate())) {
                            return false;
                        }
                        links.get(0).click();
                        return true;
                    });
            clerk.waitForText("Vorprüfung des Portals");
            String file = clerk.body();
            assertTrue(file.contains(vehicle.plate()), "her case: " + file);
            assertTrue(file.contains("Namensänderung melden") && file.contains("Erika Gabler") && file.contains("Erika Mustermann")
                    && file.contains("Eheschließung oder Lebenspartnerschaft"), "the register's name next to the new one: " + file);
            assertTrue(file.contains("keine automatisierte Entscheidung vor") && !file.contains("decision policy"),
                    "why the clerks decide, in German: " + file);
            assertFalse(file.contains(DemoAnswers.ZB1) || file.contains(DemoAnswers.ZB2), "no security code in the case file");
            clerk.accessible("namensaenderung-fall");
            clerk.browser.findElement(By.id("case-assign")).click();
            clerk.waitForText("Bearbeitung: Sie");
            clerk.browser.findElement(By.cssSelector("#case-reason textarea")).sendKeys(
                    "Die Namensänderung durch Eheschließung ist durch den Online-Ausweis nachgewiesen.");
            clerk.browser.findElement(By.id("case-approve")).click();
            clerk.waitForText("Dem Antrag endgültig stattgeben?");
            // the new certificates go to the name and address of the online ID
            assertTrue(clerk.body().contains("Erika Mustermann, Hauptstraße 1, 09456 Annaberg-Buchholz"), clerk.body());
            clerk.browser.findElement(By.id("case-confirm-yes")).click();
            clerk.waitForText("Bescheid herunterladen (PDF)");
            clerk.accessible("namensaenderung-entschieden");
            assertTrue(clerk.body().contains("stattgegeben von nora"), clerk.body());
            assertEquals(List.of(), clerk.violations, "WCAG 2.1 A/AA violations (axe-core)");
        }
        // the granted change reaches the register (KBA simulator) through the transfer: the vehicle is hers under her new name
        new WebDriverWait(citizen.browser, Duration.ofSeconds(30), Duration.ofMillis(200))
                .withMessage("the register records the new name")
                .until(d -> {
                    try {
                        for (JsonNode v : Api.JSON.readTree(api.simulator("/kba/admin/vehicles", null))) {
                            if (v.toString().contains(vehicle.plate())) {
                                return v.toString().contains("Erika Mustermann") && !v.toString().contains("Erika Gabler");
                            }
                        }
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /**
     * FZV §§ 20(1), 21: Lena lives outside the district. Right after her login the portal says the application
     * cannot be made here, before any question and any code, and offers no way on.
     */
    @Test
    void anApplicantOutsideTheDistrictIsStoppedRightAfterTheLogin() throws Exception {
        Dialog dialog = new Dialog("wiederzulassung");
        dialog.identify(LENA_OUTSIDE_THE_DISTRICT, false);
        citizen.waitForText("Ihr Antrag kann online leider nicht gestellt werden");
        String stop = citizen.browser.findElement(By.id("identification-stop")).getText();
        assertTrue(stop.contains("nicht im Bereich dieser Zulassungsbehörde"), stop);
        assertTrue(citizen.body().contains("Sie haben noch keinen Sicherheitscode freigelegt"), citizen.body());
        assertTrue(citizen.browser.findElements(By.id("identification-continue")).isEmpty(), "no way on");
        citizen.accessible("wiederzulassung-gestoppt");
        // a reload says the same
        citizen.browser.navigate().refresh();
        citizen.waitForText("Ihr Antrag kann online leider nicht gestellt werden");
        // starting again is a new application, with a new login
        citizen.browser.findElement(By.id("identification-restart")).click();
        // the login page again (its heading is on the stopped page too): the stop gone, the login offered
        new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                .withMessage(() -> "a new application, not logged in: " + citizen.body())
                .until(d -> d.findElements(By.id("identification-stop")).isEmpty() && !d.findElements(By.id("identification-start")).isEmpty());
        assertEquals(List.of(), citizen.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    /**
     * FZV §§ 21, 26: an exclusion answered "Ja" stops the dialog on its own step, and so does the warning
     * before the codes left unconfirmed: no code field is reached for an application that cannot succeed
     * online, and no correction is used. Changing the answer goes on.
     */
    @Test
    void anExclusionOrAnUnconfirmedWarningStopsTheDialogBeforeTheCodes() throws Exception {
        Vehicle vehicle = applicants.deregistered(today().minusYears(2));
        Map<String, String> answers = DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), applicants.evb(), "Erika Mustermann");
        answers.put("fahrzeugdatenGeaendert", "true");
        answers.put("hinweisGelesen", "false");
        Dialog dialog = new Dialog("wiederzulassung");
        dialog.identify(ERIKA);
        String stopped = dialog.fillUntilStopped(answers);
        assertTrue(stopped.contains("Technisch veränderte Fahrzeuge") && stopped.contains("nur bei der Zulassungsbehörde"), stopped);
        assertTrue(citizen.body().contains("Geht es online?"), "still on the conditions step: " + citizen.body());
        citizen.accessible("wiederzulassung-ausschluss");
        assertTrue(citizen.browser.findElements(By.cssSelector("[id=field-zb2Code], [id=field-zb1Code]")).isEmpty(), "no code field yet");

        answers.put("fahrzeugdatenGeaendert", "false");
        citizen.choose("fahrzeugdatenGeaendert", "Nein");
        stopped = dialog.fillUntilStopped(answers);
        assertTrue(stopped.contains("Bitte legen Sie noch keinen Sicherheitscode frei"), stopped);
        assertTrue(citizen.body().contains("Gleich fragen wir nach dem Sicherheitscode"), citizen.body());
        // the codes share the warning's screen, but no code field is shown before the warning is confirmed
        assertTrue(citizen.browser.findElements(By.cssSelector("[id=field-zb2Code], [id=field-zb1Code]")).stream()
                .noneMatch(org.openqa.selenium.WebElement::isDisplayed), "no code field yet");

        answers.put("hinweisGelesen", "true");
        citizen.choose("hinweisGelesen", "Ja");
        dialog.fill(answers, false);
        citizen.button("Angaben prüfen lassen");
        citizen.waitForText("Bezahlen und Antrag stellen");
        // nothing went to the engine before: all three corrections are left
        assertFalse(citizen.body().contains("noch 2-mal"), citizen.body());
        assertEquals(List.of(), citizen.violations, "WCAG 2.1 A/AA violations (axe-core)");
    }

    /**
     * FZV § 19 dialogs that do not lose people: in every procedure, up to the review, then a reload, the
     * browser's back and forward buttons and a second tab of the same browser all show the same answers;
     * the second tab then has them verified, so the security codes (never sent back to the page) were kept too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ausserbetriebsetzung", "wiederzulassung", "erstzulassung", "umschreibung", "namensaenderung"})
    void theDialogSurvivesAReloadBackAndForwardAndASecondTab(String procedure) throws Exception {
        Map<String, String> answers;
        int person;
        switch (procedure) {
            case "ausserbetriebsetzung" -> {
                answers = DemoAnswers.abmelden(applicants.registered().plate(), "K7m", "P2x", DemoAnswers.ZB1);
                person = -1;
            }
            case "wiederzulassung" -> {
                Vehicle vehicle = applicants.deregistered(today().minusYears(2));
                answers = DemoAnswers.wiederzulassung(vehicle.plate(), vehicle.fin(), applicants.evb(), "Erika Mustermann");
                person = ERIKA;
            }
            case "erstzulassung" -> {
                String fin = applicants.newVehicle("Ez6Nf1Kp4Qr9", true, "");
                answers = DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", applicants.evb(), "Muster GmbH");
                person = MUSTER_GMBH;
            }
            case "namensaenderung" -> {
                answers = DemoAnswers.namensaenderung(applicants.vehicle("Erika Gabler", "registered=true").plate(), today().minusDays(10));
                person = ERIKA;
            }
            default -> {
                Vehicle vehicle = applicants.registered();
                answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", vehicle.plate(), vehicle.fin());
                answers.put("kennzeichenWahl", "behalten");
                answers.putAll(DemoAnswers.insuranceAndTax(applicants.evb(), "Max Mustermann"));
                person = MAX;
            }
        }
        Dialog dialog = new Dialog(procedure);
        if (person >= 0) {
            dialog.identify(person);
        }
        dialog.fill(answers, false);
        String review = dialog.review();
        assertTrue(citizen.browser.getCurrentUrl().endsWith("/" + procedure + "?seite=pruefung"), citizen.browser.getCurrentUrl());
        // FZV § 21: the warning and the codes are the last step before the review, after every other answer
        List<String> pills = citizen.browser.findElements(By.cssSelector("ol.ikfz-steps li")).stream().map(e -> e.getText().trim()).toList();
        assertTrue(pills.get(pills.size() - 2).startsWith("Sicherheitscode")
                && pills.subList(0, pills.size() - 2).stream().noneMatch(p -> p.startsWith("Sicherheitscode")), "the codes last: " + pills);
        // FZV § 20(5): the fees are known before anything is sent, from the table the verification charges from
        java.util.regex.Matcher fee = java.util.regex.Pattern.compile("Angaben: ([0-9.,]+)\\s€").matcher(
                citizen.browser.findElement(By.id("fee-estimate")).getText().replace('\u00a0', ' '));
        assertTrue(fee.find(), citizen.browser.findElement(By.id("fee-estimate")).getText());
        String estimate = fee.group(1);
        String kept = citizen.browser.findElement(By.cssSelector(".ikfz-draft-note")).getText();
        assertTrue(kept.matches("(?s).*um \\d{2}:\\d{2} Uhr gelöscht.*"), "says when the answers are deleted: " + kept);

        // F5: the same review
        citizen.browser.navigate().refresh();
        dialog.waitForReview(review);

        // back: the last step, its answers in their fields; back once more; forward twice: the review again
        citizen.browser.navigate().back();
        String last = dialog.waitForStepOtherThan(null);
        assertTrue(citizen.browser.getCurrentUrl().contains("?schritt="), citizen.browser.getCurrentUrl());
        dialog.fieldsShowTheirAnswers(answers);
        citizen.browser.navigate().back();
        dialog.waitForStepOtherThan(last);
        dialog.fieldsShowTheirAnswers(answers);
        citizen.browser.navigate().forward();
        dialog.waitForStep(last);
        citizen.browser.navigate().forward();
        dialog.waitForReview(review);

        // a second tab of the same browser: the same dialog, said to be continued
        String first = citizen.browser.getWindowHandle();
        citizen.browser.switchTo().newWindow(WindowType.TAB);
        citizen.open(distribution.uri("/" + procedure).toString());
        citizen.waitForText("Sie machen mit Ihrem Antrag dort weiter, wo Sie aufgehört haben.");
        dialog.waitForReview(review);
        citizen.accessible(procedure + "-resumed");
        // the codes were kept on the server: the verification passes without typing them again
        citizen.button("Angaben prüfen lassen");
        citizen.waitForText("Bezahlen und Antrag stellen");
        assertTrue(citizen.body().replace('\u00a0', ' ').contains("Summe\n" + estimate + " €"), "charged as shown before: " + estimate
                + "; " + citizen.body());
        citizen.browser.close();

        // the first tab, reloaded on the review: the application sent from the other tab, not its answers to send again
        citizen.browser.switchTo().window(first);
        citizen.browser.navigate().refresh();
        citizen.waitForText("Bezahlen und Antrag stellen");
        assertTrue(citizen.browser.getCurrentUrl().endsWith("?seite=antrag"), citizen.browser.getCurrentUrl());
        assertFalse(citizen.hasButton("Angaben prüfen lassen"), citizen.body());
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

        /** The identification round trip through the eID simulator's login page (FZV § 20), on to the first step. */
        void identify(int person) throws Exception {
            identify(person, true);
        }

        /** The identification round trip; {@code proceed}: confirmed and on to the first step. */
        void identify(int person, boolean proceed) throws Exception {
            citizen.waitForText("Anmelden mit Online-Ausweis, BundID oder Organisationskonto");
            citizen.accessible(procedure + "-anmelden");
            citizen.browser.findElement(By.id("identification-start")).click();
            new WebDriverWait(citizen.browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Als wer möchten Sie sich ausweisen?"));
            citizen.browser.findElement(By.id("p" + person)).click();
            citizen.browser.findElement(By.xpath("//button[normalize-space()='Anmelden']")).click();
            citizen.waitForText("Sie haben sich elektronisch ausgewiesen.");
            if (!proceed) {
                return;
            }
            // straight on to the first question, which says once that the login worked (no page of its own)
            new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .withMessage(() -> "waiting for the first question after the login: " + citizen.body())
                    .until(d -> !citizen.body().contains("Angaben prüfen lassen") && counter() != null && counter().startsWith("Schritt 2 von"));
            citizen.accessible(procedure + "-angemeldet");
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
                fillStep(answers);
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

        /** Enters the answers the step's visible fields ask for; a choice can show further fields, filled in turn. */
        private void fillStep(Map<String, String> answers) {
            List<String> filled = new ArrayList<>();
            for (List<String> visible = visibleFields(); ; visible = visibleFields()) {
                List<String> todo = visible.stream().filter(answers::containsKey).filter(f -> !filled.contains(f)).toList();
                if (todo.isEmpty()) {
                    return;
                }
                for (String field : todo) {
                    enter(field, answers.get(field));
                    filled.add(field);
                }
                citizen.settled(); // the server's answer to a choice, which may show further fields
            }
        }

        /**
         * Fills and continues as {@link #fill} does until a step stops the dialog; returns what the stop says.
         */
        String fillUntilStopped(Map<String, String> answers) throws Exception {
            for (int steps = 0; steps < 30; steps++) {
                String counter = waitForStep();
                assertTrue(counter != null, "reached the review without a stop: " + citizen.body());
                fillStep(answers);
                citizen.button(citizen.hasButton("Angaben prüfen") ? "Angaben prüfen" : "Weiter");
                new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                        .withMessage(() -> "neither moved on nor stopped: " + citizen.body())
                        .until(d -> !counter.equals(counter()) || stopShown() != null);
                String stop = stopShown();
                if (stop != null) {
                    return stop;
                }
            }
            throw new AssertionError("no stop");
        }

        /**
         * Fills and continues as {@link #fill} does until the engine refuses an answer of {@code field} at its step;
         * returns what the field says. The step stays.
         */
        String fillUntilRefused(Map<String, String> answers, String field) throws Exception {
            for (int steps = 0; steps < 30; steps++) {
                String counter = waitForStep();
                assertTrue(counter != null, "reached the review without a refusal: " + citizen.body());
                fillStep(answers);
                citizen.button(citizen.hasButton("Angaben prüfen") ? "Angaben prüfen" : "Weiter");
                new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                        .withMessage(() -> "neither moved on nor refused: " + citizen.body())
                        .until(d -> !counter.equals(counter()) || fieldError(field) != null);
                String error = fieldError(field);
                if (error != null) {
                    assertEquals(counter, counter(), "the step stays");
                    return error;
                }
            }
            throw new AssertionError("no refusal");
        }

        private String fieldError(String field) {
            Object text = ((JavascriptExecutor) citizen.browser).executeScript(
                    "const f = document.getElementById('field-' + arguments[0]);"
                            + "return f && f.hasAttribute('invalid') && f.offsetParent !== null ? (f.errorMessage || '') : null;", field);
            return text == null ? null : text.toString();
        }

        private String stopShown() {
            Object text = ((JavascriptExecutor) citizen.browser).executeScript(
                    "const s = document.getElementById('step-stop'); return s && s.offsetParent !== null ? s.innerText : null;");
            return text == null ? null : text.toString();
        }

        /** Waits for a step whose counter is not {@code before} (not the review either); returns its counter. */
        String waitForStepOtherThan(String before) {
            new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .withMessage(() -> "waiting for a step other than " + before + ": " + citizen.body())
                    .until(d -> !citizen.body().contains("Angaben prüfen lassen") && counter() != null && !counter().equals(before));
            return counter();
        }

        /** Waits for the step with this counter. */
        void waitForStep(String counter) {
            new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .withMessage(() -> "waiting for " + counter + ": " + citizen.body())
                    .until(d -> !citizen.body().contains("Angaben prüfen lassen") && counter.equals(counter()));
        }

        /** The review's text: every answer (secret ones as "eingegeben"). */
        String review() {
            citizen.waitForText("Angaben prüfen lassen");
            return citizen.browser.findElement(By.cssSelector("section.ikfz-step")).getText();
        }

        /** Waits until the review shows exactly {@code text}. */
        void waitForReview(String text) {
            new WebDriverWait(citizen.browser, Duration.ofSeconds(15), Duration.ofMillis(50))
                    .withMessage(() -> "waiting for the review " + text + "; page: " + citizen.body())
                    .until(d -> d.findElements(By.cssSelector("section.ikfz-step")).stream().anyMatch(e -> {
                        try {
                            return e.getText().equals(text);
                        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                            return false;
                        }
                    }));
        }

        /**
         * The step's fields show what was answered: text fields their text, radio groups and lists their
         * choice, secret fields nothing but the note that the code is kept.
         */
        @SuppressWarnings("unchecked")
        void fieldsShowTheirAnswers(Map<String, String> answers) {
            Map<String, Object> shown = (Map<String, Object>) ((JavascriptExecutor) citizen.browser).executeScript(
                    "const r = {}; document.querySelectorAll('[id^=\"field-\"]').forEach(e => { if (e.offsetParent === null) return;"
                            + " const checked = e.querySelector('vaadin-radio-button[checked]');"
                            + " r[e.id.substring(6)] = e.localName === 'vaadin-password-field' ? 'secret:' + (e.placeholder || '')"
                            + " : e.localName === 'vaadin-radio-group' ? (checked ? checked.innerText.trim() : '')"
                            + " : e.localName === 'vaadin-select' ? (e.querySelector('vaadin-select-value-button') || e).innerText.trim()"
                            + " : (e.value || ''); }); return r;");
            assertTrue(!shown.isEmpty(), "a step with fields: " + citizen.body());
            for (Map.Entry<String, Object> field : shown.entrySet()) {
                String answer = answers.get(field.getKey());
                String value = String.valueOf(field.getValue());
                if (answer == null) {
                    continue;
                }
                JsonNode description = fields.get(field.getKey());
                String type = description.path("type").asText();
                String expected = switch (type) {
                    case "YES_NO" -> answer.equals("true") ? "Ja" : "Nein";
                    case "CHOICE" -> {
                        String label = answer;
                        for (JsonNode choice : description.path("choices")) {
                            if (choice.path("value").asText().equals(answer)) {
                                label = german(choice.path("label"));
                            }
                        }
                        yield label;
                    }
                    case "MONTH" -> answer.matches("\\d{4}-\\d{2}") ? answer.substring(5) + "." + answer.substring(0, 4) : answer;
                    default -> value.startsWith("secret:") ? "secret:Bereits eingegeben – zum Ändern neu eingeben" : answer;
                };
                if (type.equals("DATE")) {
                    continue; // the picker shows it in its own format; the review above compares it
                }
                assertEquals(expected, value, "field " + field.getKey() + " after the back button");
            }
        }

        /** From the fees to the decision: pays on the ePayment simulator, submits; returns the plate shown. */
        String payAndSubmit(String total) throws Exception {
            pay(total);
            // paid with "Bezahlen und Antrag stellen": submitted and decided at once
            citizen.waitForText("Vorläufigen Zulassungsnachweis herunterladen (PDF)");
            citizen.accessible(procedure + "-decision");
            citizen.screenshot(procedure + "-decision");
            Object plate = ((JavascriptExecutor) citizen.browser).executeScript(
                    "const v = document.querySelector('#decision-kennzeichen .ikfz-kennzeichen-value'); return v ? v.innerText.trim() : null;");
            assertTrue(plate != null, "the plate is shown with the decision: " + citizen.body());
            return plate.toString();
        }

        /** Checks the fees shown before payment, pays on the ePayment simulator's page and submits. */
        void pay(String total) throws Exception {
            citizen.waitForText("Bezahlen und Antrag stellen");
            // the amounts as the page shows them, with a no-break space before the euro sign
            assertTrue(citizen.body().replace('\u00a0', ' ').contains("Summe\n" + total + " €"), "the fee is shown before payment: " + citizen.body());
            citizen.accessible(procedure + "-fees");
            citizen.screenshot(procedure + "-fees");
            citizen.button("Bezahlen und Antrag stellen");
            new WebDriverWait(citizen.browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("Jetzt bezahlen"));
            citizen.browser.findElement(By.xpath("//button[normalize-space()='Jetzt bezahlen']")).click();
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

    /** A text of the machine API's procedure description (asked for in German: Accept-Language de). */
    private static String german(JsonNode text) {
        return text.asText();
    }
}

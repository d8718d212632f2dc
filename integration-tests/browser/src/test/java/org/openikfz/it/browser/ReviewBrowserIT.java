package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openikfz.it.DemoAnswers;
import org.openqa.selenium.By;

/**
 * The Vorbehalt der Nachprüfung in the browser, on a district configured to draw every automated
 * decision (review.rate=1): the decision made through the machine API is drawn at random, the
 * supervisor sees it with the statistics, reads how it was reached (masked), exports the workings
 * and revokes it with a reason; the revocation letter goes to the post.
 */
class ReviewBrowserIT {

    private static RunningDistribution distribution;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("review", home ->
                org.openikfz.it.EtcFiles.configure(home, "org.openikfz.core", "review.rate=1\n"));
        api = new Api(distribution);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void aDecisionDrawnAtRandomIsReviewedFromItsTraceAndRevoked() throws Exception {
        Applicants applicants = new Applicants(api);
        Applicants.Vehicle vehicle = applicants.registered();
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        Applicants.Application application = new Applicants.Application("/api/v1/applications/" + created.path("id").asText(),
                created.path("token").asText());
        applicants.answer(application, DemoAnswers.abmelden(vehicle.plate(), "K7m", "P2x", DemoAnswers.ZB1));
        assertEquals("AWAITING_PAYMENT", applicants.verify(application).path("state").asText());
        String reference = applicants.payAndSubmit(application).path("decision").path("reference").asText();
        String id = created.path("id").asText();

        String[] sina = Staff.accountByTheFirstOperator(distribution, "sina", "Sina Leitung", "Leitung", "ERZ");
        try (Citizen supervisor = Staff.desktop()) {
            Staff.login(supervisor, distribution, sina[0], sina[1], sina[2]);
            supervisor.waitForText("Fälle zur Entscheidung");
            supervisor.browser.findElement(By.linkText("Nachprüfung")).click();
            supervisor.waitForText("Nachprüfung automatisierter Bescheide");
            supervisor.accessible("nachpruefung");
            supervisor.screenshot("nachpruefung");
            String page = supervisor.body();
            assertTrue(page.contains(reference) && page.contains("offen (zufällig gezogen)"), "drawn at random: " + page);
            assertTrue(page.contains("Manuelle Auswahl: noch keine") && page.contains("jetzt fällig"), "the regular manual selection is due: " + page);
            // statistics: one decision of the Außerbetriebsetzung, drawn at random
            assertTrue(page.contains("ausserbetriebsetzung\t1\t1\t0\t1\t0\t0"), page);

            supervisor.browser.findElement(By.cssSelector("a.ikfz-review-link[href*='" + id + "']")).click();
            supervisor.waitForText("So wurde entschieden");
            supervisor.accessible("bescheid-nachvollzug");
            String trace = supervisor.body();
            assertTrue(trace.contains("check anlage11.zfzr") && trace.contains("CLEAR") && trace.contains("org.openikfz.check.zfzr"), trace);
            assertTrue(trace.contains("ERZ***") && !trace.contains(vehicle.plate()) && !trace.contains(DemoAnswers.ZB1),
                    "inputs masked: " + trace);
            Path export = supervisor.downloadFile("review-export", ".json");
            JsonNode exported = Api.JSON.readTree(export.toFile());
            assertEquals(reference, exported.path("reference").asText());
            assertTrue(exported.path("trace").size() >= 3, exported.toString());

            supervisor.browser.findElement(By.cssSelector("#review-text textarea")).sendKeys("Der Antragsteller war nicht verfügungsberechtigt.");
            supervisor.browser.findElement(By.id("review-revoke")).click();
            supervisor.waitForText("widerrufen von sina");
            supervisor.accessible("bescheid-widerrufen");
            assertEquals(List.of(), supervisor.violations, "WCAG 2.1 A/AA violations (axe-core)");
        }
        String letters = waitForLetter(id);
        assertTrue(letters.contains("revocation") && letters.contains("nicht verfügungsberechtigt"), letters);
        assertFalse(letters.contains(DemoAnswers.ZB1));
    }

    private static String waitForLetter(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String letters = "";
        while (System.nanoTime() < deadline && !letters.contains("revocation")) {
            letters = api.simulator("/post/admin/letters?application=" + id, null);
            Thread.sleep(100);
        }
        return letters;
    }
}

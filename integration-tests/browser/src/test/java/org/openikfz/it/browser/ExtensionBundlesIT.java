package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.openikfz.it.EtcFiles;
import org.openikfz.it.OneTimeCodes;
import org.openqa.selenium.By;

/**
 * SPI 2.0: a new kind of field and a new check are one bundle each. Three fixture bundles are dropped into
 * {@code deploy/} of a running distribution: a field type (a postal code), a check with a fact of its own (the
 * place of the postal code), and a procedure that asks for an answer of that type, names that check and judges
 * its fact. Nothing of the API, the engine or the UI knows either; the portal renders the field, the engine checks
 * answers with the type, the machine API describes it, and an application is decided. Without the check's bundle
 * the procedure is deployed but not offered, and the readiness probe, the log and the operators' view say why.
 */
class ExtensionBundlesIT {

    private static final String ID = "testverfahren-ort";

    @Test
    void aFieldTypeAndACheckOfTheirOwnBundlesServeAProcedureInThePortalAndTheApi() throws Exception {
        try (RunningDistribution distribution = RunningDistribution.start("extension-bundles", home -> EtcFiles.configure(home,
                "org.openikfz.core", "district.procedures = ausserbetriebsetzung,wiederzulassung,erstzulassung,umschreibung," + ID))) {
            Api api = new Api(distribution);
            distribution.deploy(fixture("fieldtype"));
            distribution.deploy(fixture("extension"));

            // deployed without the check that produces the fact it needs: withheld, and the operators are told why
            until(() -> distribution.log().contains("Procedure " + ID + " is not offered"), "the log says the procedure is withheld");
            assertTrue(distribution.log().contains("the procedure needs the fact testfixture.ort, which none of its deployed checks produces"),
                    "the log names the missing fact");
            assertTrue(!listed(api), "not offered without its check");
            api.call("POST", "/api/v1/applications", null, Map.of("procedure", ID), 503);
            HttpResponse<String> ready = Api.HTTP.send(HttpRequest.newBuilder(distribution.api("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains(ID), "the readiness probe names it: " + ready.body());
            String[] admin = OneTimeCodes.initialOperator(distribution.home);
            try (Citizen operator = Staff.desktop()) {
                Staff.login(operator, distribution, admin[0], admin[1], admin[2]);
                operator.waitForText("Konten der Mitarbeitenden");
                operator.browser.findElement(By.linkText("Betrieb und Protokoll")).click();
                operator.waitForText("Nicht angebotene Verfahren");
                String row = operator.browser.findElement(By.id("withheld-procedures")).getText();
                assertTrue(row.contains(ID) && row.contains("testfixture.ort"), "the operators' view says why: " + row);
                operator.accessible("withheld-procedures");
                assertEquals(List.of(), operator.violations, "WCAG 2.1 A/AA violations (axe-core)");
            }

            Path check = distribution.deploy(fixture("check"));
            until(() -> listed(api), "offered once its check is deployed");

            // the machine API describes the new type by what a client needs: its name, how to ask, how the input helps
            JsonNode field = procedure(distribution, "en").path("dialog").path("steps").get(0).path("fields").get(0);
            assertEquals("TESTFIXTURE_POSTLEITZAHL", field.path("type").asText(), field.toString());
            assertEquals("TEXT", field.path("editor").asText());
            assertEquals("[\"NUMERIC\"]", field.path("hints").toString());
            assertEquals("Postal code", field.path("label").asText());

            // the engine checks answers with the type, the check and the procedure's rule on its fact oppose
            JsonNode opened = api.call("POST", "/api/v1/applications", null, Map.of("procedure", ID), 201);
            String path = "/api/v1/applications/" + opened.path("id").asText();
            String token = opened.path("token").asText();
            JsonNode refused = api.call("PUT", path + "/answers", token, Map.of("plz", "123"), 422);
            assertEquals("Bitte geben Sie eine Postleitzahl mit fünf Ziffern an, zum Beispiel 09456.",
                    refused.path("errors").path("plz").asText(), refused.toString());
            api.call("PUT", path + "/answers", token, Map.of("plz", "99 999"), 200);
            JsonNode opposed = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("DIALOG", opposed.path("state").asText(), opposed.toString());
            assertEquals("Diese Postleitzahl gehört nicht zu unserem Bezirk. Bitte prüfen Sie sie.",
                    opposed.path("findings").get(0).path("message").asText(), "the check opposed: " + opposed);
            api.call("PUT", path + "/answers", token, Map.of("plz", "08056"), 200);
            JsonNode judged = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("Zwickau gehört zu einer anderen Behörde.", judged.path("findings").get(0).path("message").asText(),
                    "the procedure judged the check's fact: " + judged);
            api.call("PUT", path + "/answers", token, Map.of("plz", "09456"), 200);
            JsonNode verified = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("AWAITING_PAYMENT", verified.path("state").asText(), verified.toString());
            assertEquals("DECIDED", api.payAndSubmit(path, token, "DECIDED").path("state").asText());

            // the portal renders the field from its type: a line of text with a number keyboard, the type's message
            try (Citizen c = new Citizen()) {
                c.open(distribution.uri("/" + ID).toString());
                c.waitForText("Testverfahren mit Postleitzahl");
                c.type("plz", "12");
                c.button(c.hasButton("Weiter") ? "Weiter" : "Angaben prüfen");
                c.waitForText("Bitte geben Sie eine Postleitzahl mit fünf Ziffern an");
                assertEquals("numeric", c.browser.findElement(By.cssSelector("#field-plz input")).getAttribute("inputmode"));
                c.accessible("extension-field-type");
                assertEquals(List.of(), c.violations, "WCAG 2.1 A/AA violations (axe-core)");
            }

            // the check's bundle removed: withheld again
            Files.delete(check);
            until(() -> !listed(api), "withheld again without its check");
            assertEquals(List.of(), distribution.log().lines().filter(l -> l.contains("ERROR")).toList(), "errors in logs/openikfz.log");
        }
    }

    /**
     * A third language is a file, not code: a fragment bundle with French for some of the procedure kit's texts,
     * dropped into {@code deploy/}, makes the machine API answer a French client in French where there is French
     * and in German elsewhere; deleted, the API is German again.
     */
    @Test
    void aThirdLanguageComesAsAFragmentWithSomeTextsAndTheRestStaysGerman() throws Exception {
        try (RunningDistribution distribution = RunningDistribution.start("language-fragment", home -> { })) {
            HttpResponse<String> before = procedures(distribution, "fr-FR, fr;q=0.9");
            assertEquals("de", before.headers().firstValue("Content-Language").orElse(""), "no French yet: German");
            Path fragment = distribution.deploy(fixture("l10n.fr"));
            // the fragment attaches to the kit when FileInstall refreshes it: the procedures are away for a moment meanwhile
            java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> seen = new java.util.concurrent.atomic.AtomicReference<>();
            until(() -> {
                seen.set(procedures(distribution, "fr-FR, fr;q=0.9"));
                return conditionsTitle(seen.get()).equals("Est-ce possible en ligne ?");
            }, "French from the fragment");
            HttpResponse<String> french = seen.get();
            assertEquals("fr", french.headers().firstValue("Content-Language").orElse(""));
            JsonNode wiederzulassung = wiederzulassung(french);
            assertEquals("Fahrzeug wieder zulassen (Wiederzulassung)", wiederzulassung.path("title").asText(),
                    "a text the fragment does not translate stays German");
            assertEquals("Can it be done online?", conditionsTitle(procedures(distribution, "en")), "English as before");
            assertEquals("Geht es online?", conditionsTitle(procedures(distribution, "it, de;q=0.5")), "a language nobody speaks: German");

            Files.delete(fragment);
            until(() -> conditionsTitle(procedures(distribution, "fr")).equals("Geht es online?"), "German again without the fragment");
            assertEquals(List.of(), distribution.log().lines().filter(l -> l.contains("ERROR")).toList(), "errors in logs/openikfz.log");
        }
    }

    private static HttpResponse<String> procedures(RunningDistribution distribution, String languages) throws Exception {
        return Api.HTTP.send(HttpRequest.newBuilder(distribution.api("/api/v1/procedures")).header("Accept-Language", languages).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode wiederzulassung(HttpResponse<String> response) throws Exception {
        for (JsonNode procedure : Api.JSON.readTree(response.body()).path("procedures")) {
            if (procedure.path("id").asText().equals("wiederzulassung")) {
                return procedure;
            }
        }
        return Api.JSON.missingNode(); // not listed right now (e.g. while its bundles are refreshed)
    }

    /** The title of the Wiederzulassung's step of the FZV § 26 conditions: a text of the procedure kit. */
    private static String conditionsTitle(HttpResponse<String> response) throws Exception {
        for (JsonNode step : wiederzulassung(response).path("dialog").path("steps")) {
            if (step.path("id").asText().equals("voraussetzungen")) {
                return step.path("title").asText();
            }
        }
        return ""; // not listed right now
    }

    private static Path fixture(String name) {
        Path jar = Path.of(System.getProperty("openikfz.fixture." + name));
        assertTrue(Files.isRegularFile(jar), "fixture bundle built: " + jar);
        return jar;
    }

    private static boolean listed(Api api) throws Exception {
        return api.call("GET", "/api/v1/procedures", null, null, 200).findValuesAsText("id").contains(ID);
    }

    private static JsonNode procedure(RunningDistribution distribution, String language) throws Exception {
        HttpResponse<String> response = Api.HTTP.send(HttpRequest.newBuilder(distribution.api("/api/v1/procedures"))
                .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode procedure : Api.JSON.readTree(response.body()).path("procedures")) {
            if (ID.equals(procedure.path("id").asText())) {
                return procedure;
            }
        }
        throw new AssertionError("not listed: " + response.body());
    }

    /** Waits for a condition the platform reaches in the background (a bundle dropped, a service registered). */
    private static void until(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, "within 30 s: " + what);
            Thread.sleep(50); // polling a file and an HTTP endpoint: nothing to be notified by
        }
    }
}

package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.it.browser.Applicants.ERIKA;
import static org.openikfz.it.browser.Applicants.MAX;
import static org.openikfz.it.browser.Applicants.today;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.browser.Applicants.Application;
import org.openikfz.it.browser.Applicants.Vehicle;

/**
 * Each procedure bundle installed into and uninstalled from the running distribution as an operator
 * does it, through {@code deploy/}: a district build whose feature holds no procedure gets each one
 * by dropping its jar in, loses it by deleting the jar — applications in its dialog keep their
 * entries meanwhile — and continues them when the jar is back.
 */
class ProcedureDeploymentIT {

    private static final String PROCEDURE_BUNDLES = ":org.openikfz.procedure.";

    private static RunningDistribution distribution;
    private static Api api;
    private static Applicants applicants;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("procedure-deployment", ProcedureDeploymentIT::withoutProcedures);
        api = new Api(distribution);
        applicants = new Applicants(api);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    /** A district build without procedures: the feature the launcher reads, less the procedure bundles. */
    private static void withoutProcedures(Path home) throws Exception {
        Path feature = home.resolve("system/openikfz.feature.json");
        ObjectNode json = (ObjectNode) Api.JSON.readTree(feature.toFile());
        ArrayNode kept = Api.JSON.createArrayNode();
        int removed = 0;
        for (JsonNode bundle : json.path("bundles")) {
            String id = bundle.path("id").asText();
            if (id.contains(PROCEDURE_BUNDLES) && !id.contains(PROCEDURE_BUNDLES + "support:")) { // the kit stays: procedures import it
                removed++;
            } else {
                kept.add(bundle);
            }
        }
        assertEquals(5, removed, "the distribution's feature names the five procedures");
        json.set("bundles", kept);
        Api.JSON.writerWithDefaultPrettyPrinter().writeValue(feature.toFile(), json);
    }

    static Stream<String> procedures() {
        return Stream.of("ausserbetriebsetzung", "wiederzulassung", "erstzulassung", "umschreibung", "namensaenderung");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("procedures")
    void procedureIsInstalledAndUninstalledAtRuntimeAndItsApplicationsSurvive(String procedure) throws Exception {
        assertFalse(listed(procedure), "not in this build before deployment");
        Path jar = bundleJar(procedure);
        Path deployed = distribution.deploy(jar);
        long appeared = waitUntil(() -> listed(procedure));
        System.out.printf("%s deployed: in the machine API after %d ms%n", procedure, appeared);

        // an applicant starts, and the bundle goes away in the middle of the dialog
        Map<String, String> answers = completeAnswers(procedure);
        Application application = procedure.equals("ausserbetriebsetzung")
                ? open(procedure)
                : applicants.identified(procedure, procedure.equals("umschreibung") ? MAX : ERIKA);
        Map<String, String> firstHalf = new LinkedHashMap<>();
        Map<String, String> rest = new LinkedHashMap<>();
        answers.forEach((k, v) -> (firstHalf.size() < answers.size() / 2 ? firstHalf : rest).put(k, v));
        applicants.answer(application, firstHalf);

        Files.delete(deployed);
        long gone = waitUntil(() -> !listed(procedure));
        System.out.printf("%s undeployed: gone from the machine API after %d ms%n", procedure, gone);
        JsonNode unavailable = api.call("PUT", application.path() + "/answers", application.token(), rest, 503);
        assertTrue(unavailable.path("message").asText().contains("Ihre Angaben bleiben erhalten"), unavailable.toString());
        // the status too: not available right now, never an application without its answers (#16)
        JsonNode status = api.call("GET", application.path(), application.token(), null, 503);
        assertTrue(status.path("message").asText().contains("Ihre Angaben bleiben erhalten"), status.toString());
        JsonNode notOffered = api.call("POST", "/api/v1/applications", null, Map.of("procedure", procedure), 503);
        assertTrue(notOffered.path("message").asText().contains("nicht angeboten"), notOffered.toString());

        distribution.deploy(jar);
        waitUntil(() -> listed(procedure));
        JsonNode continued = applicants.answer(application, rest);
        for (Map.Entry<String, String> kept : firstHalf.entrySet()) {
            if (continued.path("answers").has(kept.getKey())) {
                assertEquals(kept.getValue(), continued.path("answers").path(kept.getKey()).asText(), "kept: " + kept.getKey());
            }
        }
        JsonNode verified = applicants.verify(application);
        assertEquals("AWAITING_PAYMENT", verified.path("state").asText(), "the entries from before count: " + verified);

        List<String> problems = distribution.log().lines().filter(l -> l.contains("ERROR") || l.contains("Exception")).toList();
        assertEquals(List.of(), problems, "errors in logs/openikfz.log");
    }

    private Map<String, String> completeAnswers(String procedure) throws Exception {
        switch (procedure) {
            case "ausserbetriebsetzung" -> {
                Vehicle v = applicants.registered();
                return DemoAnswers.abmelden(v.plate(), "K7m", "P2x", DemoAnswers.ZB1);
            }
            case "wiederzulassung" -> {
                Vehicle v = applicants.deregistered(today().minusYears(3));
                return DemoAnswers.wiederzulassung(v.plate(), v.fin(), applicants.evb(), "Erika Mustermann");
            }
            case "erstzulassung" -> {
                String fin = applicants.newVehicle("Ez6Nf1Kp4Qr9", true, "");
                return DemoAnswers.erstzulassung(fin, "Ez6Nf1Kp4Qr9", applicants.evb(), "Erika Mustermann");
            }
            case "namensaenderung" -> {
                return DemoAnswers.namensaenderung(applicants.vehicle("Erika Gabler", "registered=true").plate(), today().minusDays(10));
            }
            default -> {
                Vehicle v = applicants.registered();
                Map<String, String> answers = DemoAnswers.umschreibung("halterwechsel", "bezirk", v.plate(), v.fin());
                answers.put("kennzeichenWahl", "behalten");
                answers.putAll(DemoAnswers.insuranceAndTax(applicants.evb(), "Max Mustermann"));
                return answers;
            }
        }
    }

    private static Application open(String procedure) throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", procedure), 201);
        return new Application("/api/v1/applications/" + created.path("id").asText(), created.path("token").asText());
    }

    /** The procedure's bundle as the build shipped it in system/. */
    private static Path bundleJar(String procedure) throws Exception {
        Path folder = distribution.home.resolve("system/org/openikfz/org.openikfz.procedure." + procedure);
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
    }

    private static boolean listed(String procedure) throws Exception {
        for (JsonNode p : api.call("GET", "/api/v1/procedures", null, null, 200).path("procedures")) {
            if (p.path("id").asText().equals(procedure)) {
                return true;
            }
        }
        return false;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits up to 5 s; returns the milliseconds it took. */
    private static long waitUntil(Condition condition) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(5).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

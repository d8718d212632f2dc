package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.EtcFiles;

/**
 * docs/procedures.md followed end to end, as a developer of a future i-Kfz stage does it on a fresh clone
 * after {@code ./mvnw install}: a procedure project generated from the archetype with the checkout's Maven
 * wrapper, built offline with the tests of its rules, its jar dropped into {@code deploy/} of a
 * distribution whose district offers its id - and then listed by the machine API and the portal, and an
 * application of it decided; deleting the jar withdraws it again.
 */
class ProcedureArchetypeIT {

    private static final String ID = "musterverfahren";

    @Test
    void aProcedureGeneratedFromTheArchetypeIsBuiltDeployedAndDecides() throws Exception {
        Path repository = ConnectorArchetypeIT.checkout();
        Path work = ConnectorArchetypeIT.emptyWorkFolder("procedure-archetype-project");

        // the guide: generate, then build offline with the tests
        long generate = ConnectorArchetypeIT.maven(repository, work, work.resolve("generate.log"),
                "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate", "-DarchetypeCatalog=local",
                "-DarchetypeGroupId=org.openikfz", "-DarchetypeArtifactId=org.openikfz.archetype.procedure",
                "-DarchetypeVersion=" + System.getProperty("openikfz.version"),
                "-DprocedureId=" + ID, "-DtitleDe=Musterverfahren", "-DtitleEn=Sample procedure", "-Dparagraph=FZV § 19");
        Path project = work.resolve("de.example.ikfz.procedure." + ID);
        assertTrue(Files.isRegularFile(project.resolve("src/main/java/de/example/ikfz/procedure/" + ID + "/internal/Musterverfahren.java")),
                "generated into " + project);
        long verify = ConnectorArchetypeIT.maven(repository, project, work.resolve("verify.log"), "verify");
        String verifyLog = Files.readString(work.resolve("verify.log"));
        assertTrue(verifyLog.contains("Tests run: 4, Failures: 0, Errors: 0"), "the generated tests ran:\n"
                + ConnectorArchetypeIT.tail(verifyLog));
        Path jar = project.resolve("target/de.example.ikfz.procedure." + ID + "-1.0.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), "the bundle built");

        // the district offers it: its id in district.procedures
        try (RunningDistribution distribution = RunningDistribution.start("procedure-archetype", home -> EtcFiles.configure(home,
                "org.openikfz.core", "district.procedures = ausserbetriebsetzung,wiederzulassung,erstzulassung,umschreibung," + ID))) {
            Api api = new Api(distribution);
            Applicants applicants = new Applicants(api);
            assertTrue(!listed(api), "not offered before the drop");

            long dropped = System.nanoTime();
            Path deployed = distribution.deploy(jar);
            long deadline = dropped + Duration.ofSeconds(20).toNanos();
            while (!listed(api) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long live = (System.nanoTime() - dropped) / 1_000_000;
            assertTrue(listed(api), "in GET /api/v1/procedures within 20 s");
            assertEquals(200, Api.HTTP.send(java.net.http.HttpRequest.newBuilder(distribution.uri("/" + ID)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode(), "the portal's page of the procedure");

            // an application decided: the register check with plate and code, the procedure's own rule, fees, decision
            Applicants.Vehicle vehicle = applicants.registered();
            JsonNode opened = api.call("POST", "/api/v1/applications", null, Map.of("procedure", ID), 201);
            String path = "/api/v1/applications/" + opened.path("id").asText();
            String token = opened.path("token").asText();
            Map<String, String> answers = new LinkedHashMap<>(Map.of("kennzeichen", vehicle.plate(), "halter", "true",
                    "zb1Code", DemoAnswers.ZB1, "richtig", "false"));
            api.call("PUT", path + "/answers", token, answers, 200);
            JsonNode opposed = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("DIALOG", opposed.path("state").asText(), "its own rule: the details must be confirmed " + opposed);
            assertEquals("richtig", opposed.path("findings").get(0).path("field").asText(), opposed.toString());
            api.call("PUT", path + "/answers", token, Map.of("richtig", "true", "zb1Code", DemoAnswers.ZB1), 200);
            JsonNode verified = api.call("POST", path + "/verify", token, null, 200);
            assertEquals("AWAITING_PAYMENT", verified.path("state").asText(), verified.toString());
            JsonNode decided = api.payAndSubmit(path, token, "DECIDED");
            System.out.printf("procedure archetype: generate %d ms, verify %d ms, deploy to listed %d ms; decided %s%n", generate, verify,
                    live, decided.path("decision").path("reference").asText());

            Files.delete(deployed);
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (listed(api) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(!listed(api), "withdrawn with its jar");
            List<String> problems = distribution.log().lines().filter(l -> l.contains("ERROR") || l.contains("Exception")).toList();
            assertEquals(List.of(), problems, "errors in logs/openikfz.log");
        }
    }

    private static boolean listed(Api api) throws Exception {
        for (JsonNode p : api.call("GET", "/api/v1/procedures", null, null, 200).path("procedures")) {
            if (p.path("id").asText().equals(ID)) {
                return true;
            }
        }
        return false;
    }
}

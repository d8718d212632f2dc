package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.browser.Applicants.Application;

/**
 * docs/connectors.md followed end to end, as a developer of a Land does it on a fresh clone after
 * {@code ./mvnw install}: a connector project for Bremen generated from the archetype with the
 * checkout's Maven wrapper, built offline with its tests, its two jars dropped into {@code deploy/} of a
 * district distribution whose Land is HB — and the next application of that Land is opposed with the
 * generated simulator's settlement text for its seed debtor, where before the drop the same application
 * went to the clerks. Deleting the jars again sends the next one to the clerks.
 */
class ConnectorArchetypeIT {

    private static final String SEED_DEBTOR = "Hanna Hinweis";
    private static final String ZB2 = "Ez6Nf1Kp4Qr9";

    @Test
    void aConnectorGeneratedFromTheArchetypeIsBuiltDeployedAndAskedByTheNextApplicationOfItsLand() throws Exception {
        Path repository = checkout();
        Path work = emptyWorkFolder("connector-archetype-project");
        int simulatorPort = RunningDistribution.freePort();

        // the guide: generate, then build offline with the tests
        long generate = maven(repository, work, work.resolve("generate.log"),
                "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate", "-DarchetypeCatalog=local",
                "-DarchetypeGroupId=org.openikfz", "-DarchetypeArtifactId=org.openikfz.archetype.connector",
                "-DarchetypeVersion=" + System.getProperty("openikfz.version"),
                "-Dland=HB", "-DlandName=Bremen", "-DsimulatorPort=" + simulatorPort);
        Path project = work.resolve("de.hb.ikfz.gebuehren");
        assertTrue(Files.isRegularFile(project.resolve("pom.xml")), "generated into " + project);
        long verify = maven(repository, project, work.resolve("verify.log"), "verify");
        String verifyLog = Files.readString(work.resolve("verify.log"));
        assertTrue(verifyLog.contains("Tests run: 9, Failures: 0, Errors: 0"), "the generated tests ran:\n" + tail(verifyLog));
        Path connectorJar = project.resolve("de.hb.ikfz.gebuehren.connector/target/de.hb.ikfz.gebuehren.connector-1.0.0-SNAPSHOT.jar");
        Path simulatorJar = project.resolve("de.hb.ikfz.gebuehren.simulator/target/de.hb.ikfz.gebuehren.simulator-1.0.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(connectorJar) && Files.isRegularFile(simulatorJar), "both bundles built");

        try (RunningDistribution distribution = RunningDistribution.start("connector-archetype", ConnectorArchetypeIT::inBremen)) {
            Api api = new Api(distribution);
            Applicants applicants = new Applicants(api);
            // the seed debtor of the generated simulator can log in (identity simulator)
            int hanna = Api.JSON.readTree(api.simulator("/identity/admin/persons", "name=Hanna+Hinweis&street=Markt+1"
                    + "&postalCode=09456&city=Annaberg-Buchholz&dateOfBirth=1990-09-09&organisation=false")).path("person").asInt();

            JsonNode before = erstzulassung(applicants, hanna);
            assertEquals("NOT_DECIDABLE", before.path("state").asText(), "no connector for HB yet: the clerks decide " + before);

            long dropped = System.nanoTime();
            Path deployedSimulator = distribution.deploy(simulatorJar);
            Path deployedConnector = distribution.deploy(connectorJar);
            JsonNode after = null;
            long deadline = dropped + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (answers(simulatorPort)) {
                    after = erstzulassung(applicants, hanna);
                    if (!after.path("state").asText().equals("NOT_DECIDABLE")) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
            long active = (System.nanoTime() - dropped) / 1_000_000;
            System.out.printf("connector archetype: generate %d ms, verify %d ms, deploy to active %d ms%n", generate, verify, active);
            assertTrue(after != null, "the generated simulator answers on port " + simulatorPort);
            assertEquals("DIALOG", after.path("state").asText(), "opposed: back to the applicant " + after);
            String finding = after.path("findings").toString();
            assertTrue(finding.contains("Bremen") && finding.contains("45,60") && finding.contains("HB-2025-004711")
                    && finding.contains("Landeskasse Bremen"), "the generated simulator's settlement text: " + finding);

            // someone without arrears is not held up by the new check
            JsonNode erika = erstzulassung(applicants, Applicants.ERIKA);
            assertEquals("AWAITING_PAYMENT", erika.path("state").asText(), erika.toString());

            // undeploy: delete the jars; the next application goes to the clerks again
            Files.delete(deployedConnector);
            Files.delete(deployedSimulator);
            JsonNode undeployed = null;
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                undeployed = erstzulassung(applicants, hanna);
                if (undeployed.path("state").asText().equals("NOT_DECIDABLE")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals("NOT_DECIDABLE", undeployed.path("state").asText(), "connector gone: the clerks decide " + undeployed);

            List<String> problems = distribution.log().lines().filter(l -> l.contains("ERROR") || l.contains("Exception")).toList();
            assertEquals(List.of(), problems, "errors in logs/openikfz.log");
        }
    }

    /** The district's Land: {@code land=HB} in the engine's configuration, whatever else the file holds. */
    private static void inBremen(Path home) throws IOException {
        Path cfg = home.resolve("etc/org.openikfz.core.cfg");
        List<String> lines = new ArrayList<>();
        if (Files.exists(cfg)) {
            Files.readAllLines(cfg).stream().filter(l -> !l.strip().startsWith("land=") && !l.strip().startsWith("land ")).forEach(lines::add);
        }
        lines.add("land=HB");
        Files.write(cfg, lines);
    }

    /** An Erstzulassung of a new vehicle by the given person, verified: the status. */
    private static JsonNode erstzulassung(Applicants applicants, int person) throws Exception {
        String fin = applicants.newVehicle(ZB2, true, "");
        Application application = applicants.identified("erstzulassung", person);
        applicants.answer(application, DemoAnswers.erstzulassung(fin, ZB2, applicants.evb(),
                person == Applicants.ERIKA ? "Erika Mustermann" : SEED_DEBTOR));
        return applicants.verify(application);
    }

    private static boolean answers(int port) {
        try {
            HttpResponse<String> response = Api.HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/gebuehren/admin/mode")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The platform's checkout, whose Maven wrapper a developer uses. */
    static Path checkout() {
        return Path.of(System.getProperty("openikfz.repository")).toAbsolutePath().normalize();
    }

    /** An empty folder of this test run, as a developer starts in. */
    static Path emptyWorkFolder(String name) throws IOException {
        Path work = Path.of(System.getProperty("openikfz.it.work")).resolve(name).toAbsolutePath();
        RunningDistribution.deleteRecursively(work);
        Files.createDirectories(work);
        return work;
    }

    /** Runs the checkout's Maven wrapper offline in {@code dir}; returns the milliseconds it took. */
    static long maven(Path repository, Path dir, Path log, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-o", "-B"));
        String localRepository = System.getProperty("openikfz.it.localRepository", "");
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", mavenOpts());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvnw " + String.join(" ", arguments) + ": not done within 5 minutes");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, process.exitValue(), "mvnw " + String.join(" ", arguments) + " failed:\n" + tail(Files.readString(log)));
        return millis;
    }

    /** JDK 24+ warns on every Maven run without this (as scripts/env.sh does). */
    private static String mavenOpts() {
        return Runtime.version().feature() >= 24 ? "--sun-misc-unsafe-memory-access=allow" : "";
    }

    static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

}

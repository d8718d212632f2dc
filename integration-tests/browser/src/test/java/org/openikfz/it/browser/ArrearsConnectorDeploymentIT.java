package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.it.browser.Applicants.ERIKA;
import static org.openikfz.it.browser.Applicants.today;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openikfz.it.DemoAnswers;
import org.openikfz.it.browser.Applicants.Application;
import org.openikfz.it.browser.Applicants.Vehicle;

/**
 * A district in Bayern whose build holds no Bayern fee-arrears connector: as long as none is
 * deployed, the Land's check fails and every registration goes to the clerks; the operator drops the
 * connector (and the Land service's simulator) from {@code connectors/} into {@code deploy/} and takes
 * it out again while applicants keep applying — no request fails, every verification ends either
 * decidable (connector present) or with the clerks (absent), and arrears the Land reports oppose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArrearsConnectorDeploymentIT {

    private static RunningDistribution distribution;
    private static Api api;
    private static Applicants applicants;
    private static int landPort;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("arrears-deployment", home -> {
            landPort = RunningDistribution.freePort();
            // the district's Land, and where its service (the simulator, once deployed) answers
            org.openikfz.it.EtcFiles.configure(home, "org.openikfz.core", "land=BY\n");
            Files.writeString(home.resolve("etc/org.openikfz.simulator.gebuehren.by.cfg"), "port=" + landPort + "\n");
            Files.writeString(home.resolve("etc/org.openikfz.connector.gebuehren.by.cfg"),
                    "endpoint=http://127.0.0.1:" + landPort + "/api/v1/gebuehrenrueckstaende/abfragen\n"
                            + "tokenEndpoint=http://127.0.0.1:" + landPort + "/oauth2/token\n");
            // the traffic comes from one test client as fast as it can send: the per-address rate limit would answer 429 first
            Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"), "apiRequestsPerSecond=100000\napiRequestBurst=100000\n");
        });
        api = new Api(distribution);
        applicants = new Applicants(api);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    @Order(1)
    void withoutAConnectorForTheLandTheClerksDecide() throws Exception {
        JsonNode status = verifyNewWiederzulassung(ERIKA).status();
        assertEquals("NOT_DECIDABLE", status.path("state").asText(), "no Bayern connector: the check fails " + status);
        assertTrue(Files.exists(distribution.home.resolve("connectors/org.openikfz.connector.gebuehren.by.jar")),
                "the distribution ships the Land connectors to deploy");
    }

    @Test
    @Order(2)
    void deployingAndUndeployingUnderTrafficFailsNoRequest() throws Exception {
        Path simulator = deploy("org.openikfz.simulator.gebuehren.by.jar");
        waitUntil(Duration.ofSeconds(10), () -> landServiceAnswers());
        int person = berta();

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService traffic = Executors.newFixedThreadPool(3);
        List<Future<?>> applicantsAtWork = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            applicantsAtWork.add(traffic.submit(() -> {
                while (running.get()) {
                    try {
                        Verified v = verifyNewWiederzulassung(ERIKA);
                        outcomes.computeIfAbsent(v.status().path("state").asText(), k -> new AtomicInteger()).incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e.toString());
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(1500);
            Path connector = deploy("org.openikfz.connector.gebuehren.by.jar");
            long active = waitUntil(Duration.ofSeconds(15), () -> "AWAITING_PAYMENT".equals(
                    verifyNewWiederzulassung(ERIKA).status().path("state").asText()));
            System.out.printf("Bayern connector deployed: applications decidable after %d ms%n", active);

            // while it is there, arrears the Land reports oppose the application and say how to pay
            Verified opposed = verifyNewWiederzulassung(person);
            assertEquals("DIALOG", opposed.status().path("state").asText(), opposed.status().toString());
            String message = opposed.status().path("findings").get(0).path("message").asText();
            assertTrue(message.contains("Bayern") && message.contains("45,60 €"), message);

            Thread.sleep(1500);
            Files.delete(connector);
            long gone = waitUntil(Duration.ofSeconds(15), () -> "NOT_DECIDABLE".equals(
                    verifyNewWiederzulassung(ERIKA).status().path("state").asText()));
            System.out.printf("Bayern connector undeployed: not decidable (for the clerks, if applied for) after %d ms%n", gone);
            Thread.sleep(1000);
            connector = deploy("org.openikfz.connector.gebuehren.by.jar");
            waitUntil(Duration.ofSeconds(15), () -> "AWAITING_PAYMENT".equals(
                    verifyNewWiederzulassung(ERIKA).status().path("state").asText()));
            Thread.sleep(1000);
            Files.delete(connector);
            Files.delete(simulator);
            Thread.sleep(1000);
        } finally {
            running.set(false);
            for (Future<?> f : applicantsAtWork) {
                f.get();
            }
            traffic.shutdown();
        }
        System.out.printf("traffic during deployment: %s, failed requests: %d%n", outcomes, failures.size());
        assertEquals(List.of(), failures, "no request failed while the connector came and went");
        assertTrue(outcomes.keySet().stream().allMatch(s -> s.equals("AWAITING_PAYMENT") || s.equals("NOT_DECIDABLE")),
                "each verification is decidable, or not by machine (the clerks decide if applied for): " + outcomes);
        assertTrue(outcomes.containsKey("AWAITING_PAYMENT") && outcomes.containsKey("NOT_DECIDABLE"),
                "traffic saw the connector present and absent: " + outcomes);
        JsonNode after = verifyNewWiederzulassung(ERIKA).status();
        assertEquals("NOT_DECIDABLE", after.path("state").asText(), "gone again: the check fails " + after);
    }

    @Test
    @Order(3)
    void operatorsSeeNoSecretOfTheConnectorInTheLog() throws Exception {
        String log = distribution.log();
        assertTrue(!log.contains("simulator-secret"), "the client secret is not logged");
        assertTrue(!log.contains("Berta"), "no applicant's name is logged");
    }

    // ---- helpers ----

    private record Verified(Application application, JsonNode status) {
    }

    /** A Wiederzulassung of a vehicle of Erika's, applied for by the given person, up to the verification. */
    private static Verified verifyNewWiederzulassung(int person) throws Exception {
        Vehicle v = applicants.deregistered(today().minusYears(2));
        Application application = applicants.identified("wiederzulassung", person);
        Map<String, String> answers = DemoAnswers.wiederzulassung(v.plate(), v.fin(), applicants.evb(),
                person == ERIKA ? "Erika Mustermann" : "Berta Beitragsrest");
        if (person != ERIKA) {
            answers.put("selberHalter", "false");
            answers.put("zb2Code", DemoAnswers.ZB2);
        }
        applicants.answer(application, answers);
        return new Verified(application, applicants.verify(application));
    }

    /** The Bayern simulator's debtor as a person one can log in as. */
    private static int berta() throws Exception {
        JsonNode added = Api.JSON.readTree(api.simulator("/identity/admin/persons",
                "name=Berta+Beitragsrest&street=Marktplatz+2&postalCode=09456&city=Annaberg-Buchholz&dateOfBirth=1970-03-03"));
        return added.path("person").asInt();
    }

    private static boolean landServiceAnswers() {
        try {
            HttpResponse<String> response = Api.HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + landPort + "/admin/mode")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Copies a jar from connectors/ into deploy/ as an operator would. */
    private static Path deploy(String jar) throws Exception {
        return distribution.deploy(distribution.home.resolve("connectors").resolve(jar));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static long waitUntil(Duration limit, Condition condition) throws Exception {
        long start = System.nanoTime();
        while (!condition.holds()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

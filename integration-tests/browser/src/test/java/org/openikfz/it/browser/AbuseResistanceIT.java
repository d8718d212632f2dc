package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openikfz.it.DemoAnswers;

/**
 * Abuse resistance (issue #13, part 4), as a hostile client tries it with the default limits: one client address
 * in a loop is throttled with 429 and Retry-After, others are not; a vehicle's codes cannot be tried application
 * after application; and a register that answers after 20 s, under 80 concurrent verifications, does not take the
 * portal's threads. Each client is its own loopback address (127.0.0.x), as the citizens behind it would be.
 */
class AbuseResistanceIT {

    private static RunningDistribution distribution;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("abuse", home ->
                Files.writeString(home.resolve("etc/org.openikfz.simulator.kba.cfg"), "slow.delay=20000\n"));
        api = new Api(distribution);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    /** A client of its own loopback address. */
    private static HttpClient client(String address) throws Exception {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> post(HttpClient client, String path, String token, Object body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(distribution.api(path)).header("Accept-Language", language)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.method(body instanceof Map<?, ?> ? "PUT" : "POST", body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> open(HttpClient client) throws Exception {
        return client.send(HttpRequest.newBuilder(distribution.api("/api/v1/applications")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"procedure\":\"ausserbetriebsetzung\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneClientInALoopIsThrottledAndTheOthersAreNot() throws Exception {
        HttpClient greedy = client("127.0.0.3");
        HttpResponse<String> refused = null;
        int created = 0;
        for (int i = 0; i < 3000 && refused == null; i++) {
            HttpResponse<String> response = open(greedy);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(201, response.statusCode(), response.body());
                created++;
            }
        }
        System.out.printf("abuse: one client opened %d applications before the first 429%n", created);
        assertTrue(refused != null, "no 429 after " + created + " applications in a loop");
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0")) >= 1, refused.headers().map().toString());
        JsonNode error = Api.JSON.readTree(refused.body());
        assertEquals("TOO_MANY_REQUESTS", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("Zu viele Anfragen"), refused.body());
        // in English for a client that asks for it
        HttpResponse<String> english = null;
        for (int i = 0; i < 3000 && (english == null || english.statusCode() != 429); i++) {
            english = greedy.send(HttpRequest.newBuilder(distribution.api("/api/v1/applications")).header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"procedure\":\"ausserbetriebsetzung\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(429, english.statusCode());
        assertTrue(english.body().contains("Too many requests"), english.body());
        // another client address is served as before
        assertEquals(201, open(client("127.0.0.5")).statusCode());
    }

    /**
     * FZV § 20(4) allows three corrections per application; across applications the opposed verifications of one vehicle
     * are bounded too (20 an hour by default): the next is refused with 429 whatever the application, using no correction.
     */
    @Test
    void aVehiclesCodesCannotBeTriedApplicationAfterApplication() throws Exception {
        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-BF+7&fin=WVWZZZ1JZXW700007&zb1=Ab3De4F&plaketten=B1a,B2b");
        Map<String, String> wrong = DemoAnswers.abmelden("ERZ-BF 7", "B1a", "B2b", "Zz9Zz9Z");
        int opposed = 0;
        HttpResponse<String> refused = null;
        // a guesser from many addresses (the per-address limit does not help here)
        for (int i = 0; i < 40 && refused == null; i++) {
            HttpClient guesser = client("127.0.1." + (i + 1));
            JsonNode created = Api.JSON.readTree(open(guesser).body());
            String path = "/api/v1/applications/" + created.path("id").asText();
            String token = created.path("token").asText();
            assertEquals(200, post(guesser, path + "/answers", token, wrong, "de").statusCode());
            HttpResponse<String> verified = post(guesser, path + "/verify", token, null, "de");
            if (verified.statusCode() == 429) {
                refused = verified;
                JsonNode status = Api.JSON.readTree(guesser.send(HttpRequest.newBuilder(distribution.api(path))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertEquals("DIALOG", status.path("state").asText(), "nothing of the application changed");
                assertEquals(3, status.path("correctionsLeft").asInt(), "no correction used");
            } else {
                assertEquals(200, verified.statusCode(), verified.body());
                opposed++;
            }
        }
        assertEquals(20, opposed, "opposed verifications before the vehicle was protected");
        assertTrue(refused != null);
        assertTrue(Api.JSON.readTree(refused.body()).path("message").asText().contains("Zu seinem Schutz"), refused.body());
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0")) > 3000, "the rest of the hour");
    }

    /**
     * A register that answers after 20 s, 80 verifications at once from 80 citizens: the bulkhead lets 16 wait for it
     * and refuses the rest at once (503, Retry-After, nothing changed); meanwhile the portal's home page answers.
     */
    @Test
    void aSlowRegisterDoesNotTakeThePortalsThreads() throws Exception {
        List<String[]> applications = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            HttpClient citizen = client("127.0.2." + (i + 1));
            JsonNode created = Api.JSON.readTree(open(citizen).body());
            String path = "/api/v1/applications/" + created.path("id").asText();
            String token = created.path("token").asText();
            assertEquals(200, post(citizen, path + "/answers", token, DemoAnswers.abmelden("Ab3De4F"), "de").statusCode());
            applications.add(new String[] {"127.0.2." + (i + 1), path, token});
        }
        api.simulator("/kba/admin/mode", "mode=slow");
        ExecutorService pool = Executors.newFixedThreadPool(80);
        try {
            List<CompletableFuture<HttpResponse<String>>> verifications = new ArrayList<>();
            for (String[] a : applications) {
                verifications.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return post(client(a[0]), a[1] + "/verify", a[2], null, "de");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            // the refused ones come back at once; then the portal is asked while the admitted ones wait for the register
            CountDownLatch answered = new CountDownLatch(64);
            verifications.forEach(v -> v.whenComplete((r, e) -> answered.countDown()));
            answered.await(15, TimeUnit.SECONDS);
            long busy = verifications.stream().filter(CompletableFuture::isDone).count();
            HttpClient visitor = client("127.0.3.1");
            long started = System.nanoTime();
            HttpResponse<String> home = visitor.send(HttpRequest.newBuilder(distribution.uri("/")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long homeMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            HttpResponse<String> procedures = visitor.send(HttpRequest.newBuilder(distribution.api("/api/v1/procedures"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            long apiMillis = (System.nanoTime() - started) / 1_000_000;
            boolean stillWaiting = verifications.stream().anyMatch(f -> !f.isDone());
            System.out.printf("abuse: 80 verifications against a 20 s register, %d answered at once; GET / took %d ms, "
                    + "GET /api/v1/procedures %d ms while the rest waited%n", busy, homeMillis, apiMillis);
            assertEquals(200, home.statusCode());
            assertEquals(200, procedures.statusCode());
            assertTrue(stillWaiting, "the admitted verifications were still waiting for the register");
            assertTrue(homeMillis < 2000, "GET / took " + homeMillis + " ms under the load");

            int admitted = 0;
            int cleared = 0;
            for (int i = 0; i < verifications.size(); i++) {
                HttpResponse<String> r = verifications.get(i).get();
                if (r.statusCode() == 503) {
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().map().toString());
                    JsonNode status = Api.JSON.readTree(client(applications.get(i)[0]).send(HttpRequest.newBuilder(
                            distribution.api(applications.get(i)[1])).header("Authorization", "Bearer " + applications.get(i)[2]).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    assertEquals("DIALOG", status.path("state").asText(), "a refused verification changes nothing");
                    assertEquals(3, status.path("correctionsLeft").asInt());
                } else if (r.statusCode() == 409) {
                    // all 80 are about the demo vehicle: one application at a time per vehicle, the others wait for it
                    assertTrue(r.body().contains("anderer Antrag"), r.body());
                    admitted++;
                } else {
                    assertEquals(200, r.statusCode(), r.body());
                    admitted++;
                    cleared++;
                }
            }
            assertTrue(admitted >= 1 && admitted <= 16, admitted + " verifications waited for the register; the bulkhead holds 16");
            assertTrue(cleared <= 1, cleared + " applications for one vehicle passed");
        } finally {
            api.simulator("/kba/admin/mode", "mode=normal");
            pool.shutdownNow();
        }
    }
}

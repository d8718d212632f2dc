package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The law's guarantees under concurrent and hostile requests, fired against the running
 * distribution with the register slow (3 s): answers changed while a verification runs, parallel
 * verifications with different codes (FZV § 20(4)), an authority the client names, an eID code
 * redeemed into another application.
 */
class EngineRacesIT {

    private static RunningDistribution distribution;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        // the races come from one test client as fast as it can send: the per-address rate limit would answer 429 first
        distribution = RunningDistribution.start("races", home -> java.nio.file.Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"),
                "apiRequestsPerSecond=100000\napiRequestBurst=100000\n"));
        api = new Api(distribution);
        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-RC+1&fin=WVWZZZ1JZXW900001&zb1=Ab3De4F&plaketten=Q1a,Q2b");
        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-RC+2&fin=WVWZZZ1JZXW900002&zb1=Ab3De4F&plaketten=Q3c,Q4d");
        api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-RC+3&fin=WVWZZZ1JZXW900003&zb1=Ab3De4F&plaketten=Q5e,Q6f");
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @AfterEach
    void normalRegister() throws Exception {
        api.simulator("/kba/admin/mode", "mode=normal");
    }

    private record App(String path, String token) {
    }

    private static App open() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        return new App("/api/v1/applications/" + created.path("id").asText(), created.path("token").asText());
    }

    private static int status(String method, App app, String action, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(distribution.api(app.path() + action))
                .header("Authorization", "Bearer " + app.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static <T> List<T> together(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> w : work) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return w.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersSentWhileTheVerificationRunsCannotSwapTheVehicle() throws Exception {
        App app = open();
        api.call("PUT", app.path() + "/answers", app.token(), DemoAnswersForRaces.abmelden("ERZ-RC 1", "Q1a", "Q2b"), 200);
        api.simulator("/kba/admin/mode", "mode=slow");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> verify = pool.submit(() -> status("POST", app, "/verify", null));
            // keep trying to swap in the other vehicle while the (slow) verification runs
            int refused = 0;
            while (!verify.isDone()) {
                int code = status("PUT", app, "/answers", Map.of("kennzeichen", "ERZ-RC 2"));
                if (code == 409) {
                    refused++;
                }
            }
            int verified = verify.get();
            // 409: a swap landed first and the verification did not take the case (it checks nothing stale)
            assertTrue(verified == 200 || verified == 409, "verify: " + verified);
            if (verified == 200) {
                assertTrue(refused > 0, "answers were refused while the verification ran");
            }
        } finally {
            pool.shutdownNow();
        }
        api.simulator("/kba/admin/mode", "mode=normal");
        JsonNode status = api.call("GET", app.path(), app.token(), null, 200);
        if (status.path("state").asText().equals("AWAITING_PAYMENT")) {
            assertEquals("ERZ-RC 1", status.path("answers").path("kennzeichen").asText(), status.toString());
            assertEquals(409, status("PUT", app, "/answers", Map.of("kennzeichen", "ERZ-RC 2")), "verified answers are final");
            JsonNode decided = new Applicants(api).payAndSubmit(new Applicants.Application(app.path(), app.token()));
            assertEquals("ERZ-RC 1", decided.path("decision").path("kennzeichen").asText(), decided.toString());
        } else {
            // a swap that landed before the verification took the case is verified as what it is: the other car's codes are wrong
            assertEquals("DIALOG", status.path("state").asText(), status.toString());
        }
    }

    @Test
    void twelveParallelVerificationsWithDifferentCodesCountAtMostThreeCorrections() throws Exception {
        App app = open();
        api.call("PUT", app.path() + "/answers", app.token(), DemoAnswersForRaces.abmelden("ERZ-RC 3", "X0a", "Q6f"), 200);
        assertEquals(200, status("POST", app, "/verify", null)); // opposed: the front seal's code is wrong
        api.simulator("/kba/admin/mode", "mode=slow");
        List<Callable<Integer>> tries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String code = "X" + (char) ('a' + i) + (i % 10);
            tries.add(() -> {
                status("PUT", app, "/answers", Map.of("plaketteVorn", code));
                return status("POST", app, "/verify", null);
            });
        }
        List<Integer> codes = together(tries);
        api.simulator("/kba/admin/mode", "mode=normal");
        long ran = codes.stream().filter(c -> c == 200).count();
        JsonNode status = api.call("GET", app.path(), app.token(), null, 200);
        assertTrue(ran <= 3, "each verification that ran is a correction, at most three: " + codes);
        assertFalse(status.path("state").asText().equals("AWAITING_PAYMENT"), status.toString());
        int left = status.path("correctionsLeft").asInt();
        assertEquals(3 - ran, left, "every verification that ran counted: " + codes + " " + status);
        assertTrue(codes.stream().allMatch(c -> c == 200 || c == 409), "the others were told to wait: " + codes);
    }

    @Test
    void theAuthorityIsThePortalsOwn() throws Exception {
        api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung", "authority", "ZZZ"), 422);
        api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung", "authority", "Z".repeat(60)), 422);
        api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung", "authority", "ERZ"), 201);
    }

    @Test
    void anEidCodeIsRedeemedOnlyIntoItsOwnApplication() throws Exception {
        App victim = open();
        App attacker = open();
        String victimsCode = api.loginCode(victim.path(), victim.token(), 0);
        api.loginCode(attacker.path(), attacker.token(), 1); // the attacker's own login is running
        assertEquals(422, status("POST", attacker, "/identification/complete", Map.of("code", victimsCode))); // refused, not an outage
        JsonNode attackers = api.call("GET", attacker.path(), attacker.token(), null, 200);
        assertFalse(attackers.path("identified").asBoolean(), attackers.toString());
        URI foreign = URI.create("https://attacker.example/");
        api.call("POST", attacker.path() + "/identification", attacker.token(), Map.of("returnTo", foreign.toString()), 422);
    }
}

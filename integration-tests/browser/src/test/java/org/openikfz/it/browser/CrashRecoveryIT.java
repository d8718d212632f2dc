package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What was acknowledged is durable: the process is killed with {@code kill -9} right after the
 * portal acknowledged an application that must go to the authority's Fachverfahren; after the restart
 * the transfer completes, and the Fachverfahren holds it exactly once.
 */
class CrashRecoveryIT {

    private static RunningDistribution distribution;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        distribution = RunningDistribution.start("crash");
        api = new Api(distribution);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    @Test
    void transferAfterKill9CompletesExactlyOnce() throws Exception {
        // the register fails: the applicant applies anyway and the clerks decide (§ 19(1) S. 4)
        api.simulator("/kba/admin/mode", "mode=unavailable");
        JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
        String id = created.path("id").asText();
        String token = created.path("token").asText();
        api.call("PUT", "/api/v1/applications/" + id + "/answers", token, Api.abmelden("Ab3De4F"), 200);
        JsonNode notDecidable = api.call("POST", "/api/v1/applications/" + id + "/verify", token, null, 200);
        assertEquals("NOT_DECIDABLE", notDecidable.path("state").asText());
        JsonNode acknowledged = api.payAndSubmit("/api/v1/applications/" + id, token, "MANUAL_REVIEW");
        assertEquals("MANUAL_REVIEW", acknowledged.path("state").asText());

        distribution.kill();
        distribution.launch();

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode inbox;
        do {
            Thread.sleep(200);
            inbox = Api.JSON.readTree(api.simulator("/fachverfahren/admin/inbox?application=" + id, null));
        } while (inbox.isEmpty() && System.nanoTime() < deadline);
        assertEquals(1, inbox.size(), "exactly one transfer in the Fachverfahren: " + inbox);
        assertTrue(inbox.get(0).path("payload").path("manualReview").asBoolean());
        Thread.sleep(2_000); // a few more housekeeping rounds must not deliver it again
        assertEquals(1, Api.JSON.readTree(api.simulator("/fachverfahren/admin/inbox?application=" + id, null)).size());
        assertEquals("MANUAL_REVIEW", api.call("GET", "/api/v1/applications/" + id, token, null, 200).path("state").asText());
    }
}

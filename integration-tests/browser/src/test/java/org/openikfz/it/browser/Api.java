package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openikfz.it.DemoAnswers;

/** Calls of the machine API and the simulators' admin API of a running distribution. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RunningDistribution distribution;

    Api(RunningDistribution distribution) {
        this.distribution = distribution;
    }

    /** Answers for the KBA simulator's demo vehicle ERZ-AB 123, with the given ZB I code (a copy to change). */
    static Map<String, String> abmelden(String zb1) {
        return new LinkedHashMap<>(DemoAnswers.abmelden(zb1));
    }

    /**
     * Pays the application's fees on the ePayment simulator without a browser and submits it; returns the status,
     * which must be {@code expected} (DECIDED, or MANUAL_REVIEW for one the machine could not decide).
     */
    JsonNode payAndSubmit(String path, String token, String expected) throws Exception {
        String page = call("POST", path + "/payment", token, java.util.Map.of("returnTo", back()), 200).path("paymentPage").asText();
        simulator("/epayment/admin/payments/" + page.substring(page.lastIndexOf('/') + 1) + "/pay", "");
        JsonNode submitted = call("POST", path + "/submit", token, null, 200);
        org.junit.jupiter.api.Assertions.assertEquals(expected, submitted.path("state").asText(), submitted.toString());
        return submitted;
    }

    /** A return address on the portal itself (the only kind the portal accepts). */
    String back() {
        return distribution.uri("/back").toString();
    }

    /**
     * The eID login as the browser does it, without the browser: starts the identification, has the
     * simulator issue a code for that login (its state parameter) and returns the code.
     */
    String loginCode(String application, String token, int person) throws Exception {
        String login = call("POST", application + "/identification", token, Map.of("returnTo", back()), 200).path("loginPage").asText();
        String state = java.net.URLDecoder.decode(login.replaceAll(".*[?&]state=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        return JSON.readTree(simulator("/identity/admin/codes", "person=" + person + "&state="
                + java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8))).path("code").asText();
    }

    JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(distribution.api(path)).header("Accept-Language", "de");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // a well-behaved client over the API's rate limit (20 requests a second per address) waits as Retry-After says and
        // asks again: the limit answers before anything is handled, so the request was not acted on
        for (int tries = 0; response.statusCode() == 429 && expected != 429 && tries < 10; tries++) {
            Thread.sleep(1000L * Math.min(5, Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim())));
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        // errors are RFC 9457 problems
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(expected >= 400 ? "application/problem+json"
                : "application/json"), method + " " + path + ": " + response.headers().firstValue("Content-Type"));
        return JSON.readTree(response.body());
    }

    /** A document of an application (PDF): GET with the bearer token, expecting 200. */
    byte[] document(String path, String token) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(distribution.api(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path);
        assertEquals("%PDF", new String(response.body(), 0, 4), path);
        return response.body();
    }

    /**
     * The mails the simulator's mailbox received for {@code to}, once there are at least {@code count} (the outbox
     * delivers in the background): polled until then, failing after a minute.
     */
    JsonNode mails(String to, int count) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String query = "/mail/admin/messages?to=" + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode box = JSON.readTree(simulator(query, null));
        while (box.size() < count) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "no " + count + " mail(s) within a minute: " + box);
            Thread.sleep(100);
            box = JSON.readTree(simulator(query, null));
        }
        return box;
    }

    /** A call of the simulators' admin API: POST with a form, or GET when {@code form} is null. */
    String simulator(String path, String form) throws Exception {
        return landSimulator("org.openikfz.simulator.http", path, form);
    }

    /** A call of a simulator's admin API on the port of its configuration (e.g. {@code org.openikfz.simulator.gebuehren.sn}). */
    String landSimulator(String pid, String path, String form) throws Exception {
        String port = Files.readString(distribution.home.resolve("etc/" + pid + ".cfg")).replaceAll("\\D", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, path + ": " + response.body());
        return response.body();
    }
}

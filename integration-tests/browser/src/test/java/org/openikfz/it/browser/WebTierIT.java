package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web tier as an attacker or a security audit tries it first (issue #13, part 3): bodies too large are
 * refused before they are read, sessions end after their idle time, and every kind of answer — page,
 * machine API, health, error — carries the protective headers, no server version, no exception text.
 */
class WebTierIT {

    private static final int IDLE_SECONDS = 2;
    private static RunningDistribution distribution;
    private static Api api;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        // a short session idle time, so that its end can be watched
        distribution = RunningDistribution.start("web-tier", home ->
                Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"), "sessionIdleSeconds=" + IDLE_SECONDS + "\n"));
        api = new Api(distribution);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    /** 100 MB announced: 413 at once, before a byte of the body was sent; the portal stays up. */
    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() throws Exception {
        for (String path : List.of("/api/v1/applications", "/?v-r=uidl")) {
            String status = statusLineWithoutSendingTheBody(path, 100L * 1024 * 1024);
            assertTrue(status.contains(" 413 "), path + ": " + status);
        }
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
    }

    /** The machine API takes at most 64 KiB (its largest legal request is a few KiB); more is a clear 413 in JSON. */
    @Test
    void theMachineApiTakesSmallBodiesOnly() throws Exception {
        String big = "{\"procedure\":\"ausserbetriebsetzung\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(distribution.uri("/api/v1/applications"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals("PAYLOAD_TOO_LARGE", Api.JSON.readTree(refused.body()).path("error").asText());
        // a body "null" is a bad request, not a server error
        HttpResponse<String> nothing = HTTP.send(HttpRequest.newBuilder(distribution.uri("/api/v1/applications"))
                .POST(HttpRequest.BodyPublishers.ofString("null")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, nothing.statusCode(), nothing.body());
        assertFalse(nothing.body().contains("Exception"));
    }

    /** Page, API JSON, health, an API error and a document error: the same protective headers, no server version. */
    @Test
    void everyKindOfAnswerCarriesTheProtectiveHeaders() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, java.util.Map.of("procedure", "ausserbetriebsetzung"), 201);
        String application = "/api/v1/applications/" + created.path("id").asText();
        for (String path : List.of("/", "/api/v1/procedures", "/health", "/api/v1/nothing-here", application + "/decision.pdf",
                "/api/openapi.json")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(distribution.uri(path))
                    .header("Authorization", "Bearer " + created.path("token").asText()).build(), HttpResponse.BodyHandlers.ofString());
            var headers = response.headers();
            assertEquals(Optional.of("nosniff"), headers.firstValue("X-Content-Type-Options"), path);
            assertEquals(Optional.of("no-referrer"), headers.firstValue("Referrer-Policy"), path);
            assertEquals(Optional.of("DENY"), headers.firstValue("X-Frame-Options"), path);
            assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path);
            assertEquals(Optional.of("no-store"), headers.firstValue("Cache-Control"), path + " holds personal data");
            assertEquals(Optional.empty(), headers.firstValue("Server"), path + ": no server version");
            assertFalse(response.body().contains("Exception") || response.body().contains("jetty"), path + ": " + response.body());
        }
    }

    /** A session cookie is not for scripts, not sent along cross-site requests, and the session ends after its idle time. */
    @Test
    void sessionsEndAfterTheirIdleTimeAndTheirCookieIsProtected() throws Exception {
        HttpResponse<Void> first = HTTP.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.discarding());
        String cookie = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + first.headers().map()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        String session = cookie.substring(0, cookie.indexOf(';'));
        // used within its idle time, the session lives on; left alone longer, the next request gets a new one
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Optional<String> renewed = Optional.empty();
        while (renewed.isEmpty() && System.nanoTime() < deadline) {
            // the page makes a session when the one it was sent is gone
            HttpResponse<Void> again = HTTP.send(HttpRequest.newBuilder(distribution.uri("/")).header("Cookie", session).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, again.statusCode());
            renewed = again.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst();
            if (renewed.isEmpty()) {
                // not yet expired: wait out the idle time without touching the session (a request would prolong it)
                Thread.sleep(Duration.ofMillis(IDLE_SECONDS * 1000L + 500));
            }
        }
        assertTrue(renewed.isPresent(), "the session did not end after " + IDLE_SECONDS + " s idle");
        assertFalse(renewed.get().startsWith(session + ";"), "a new session, not the old one: " + renewed.get());
    }

    /** Sends the request head with this Content-Length but no body, and reads the status line of the answer. */
    private static String statusLineWithoutSendingTheBody(String path, long contentLength) throws Exception {
        URI uri = distribution.uri(path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}

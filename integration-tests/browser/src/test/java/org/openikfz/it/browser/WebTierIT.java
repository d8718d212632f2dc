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
    private static final int SESSIONS_PER_ADDRESS = 20;
    private static RunningDistribution distribution;
    private static Api api;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        // a short session idle time, so that its end can be watched
        distribution = RunningDistribution.start("web-tier", home ->
                Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"), "sessionIdleSeconds=" + IDLE_SECONDS + "\n"
                        // this machine's loopback address plays the reverse proxy; 127.0.0.2 is a client that is not one
                        + "trustedProxies=127.0.0.1\n"
                        + "sessionsPerAddress=" + SESSIONS_PER_ADDRESS + "\n"));
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
        for (URI uri : List.of(distribution.api("/api/v1/applications"), distribution.uri("/?v-r=uidl"),
                distribution.backOffice("/?v-r=uidl"))) {
            String status = statusLineWithoutSendingTheBody(uri, 100L * 1024 * 1024);
            assertTrue(status.contains(" 413 "), uri + ": " + status);
        }
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
    }

    /** The machine API takes at most 64 KiB (its largest legal request is a few KiB); more is a clear 413 in JSON. */
    @Test
    void theMachineApiTakesSmallBodiesOnly() throws Exception {
        String big = "{\"procedure\":\"ausserbetriebsetzung\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(distribution.api("/api/v1/applications"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals("PAYLOAD_TOO_LARGE", Api.JSON.readTree(refused.body()).path("error").asText());
        // a body "null" is a bad request, not a server error
        HttpResponse<String> nothing = HTTP.send(HttpRequest.newBuilder(distribution.api("/api/v1/applications"))
                .POST(HttpRequest.BodyPublishers.ofString("null")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, nothing.statusCode(), nothing.body());
        assertFalse(nothing.body().contains("Exception"));
    }

    /** Page, API JSON, health, an API error and a document error: the same protective headers, no server version. */
    @Test
    void everyKindOfAnswerCarriesTheProtectiveHeaders() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, java.util.Map.of("procedure", "ausserbetriebsetzung"), 201);
        String application = "/api/v1/applications/" + created.path("id").asText();
        for (URI uri : List.of(distribution.uri("/"), distribution.backOffice("/sachbearbeitung"), distribution.api("/api/v1/procedures"),
                distribution.api("/health"), distribution.api("/api/v1/nothing-here"), distribution.api(application + "/decision.pdf"),
                distribution.api("/api/openapi.json"), distribution.uri("/nothing-here"))) {
            String path = uri.toString();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
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

    /**
     * Three ingresses: the back office answers on its own connector only. On the portal every path of it is 404,
     * and a navigation inside the portal's running Vaadin application (a UIDL request, as a crafted link makes it)
     * finds no back-office view either; the machine API is not on the portal, the portal not on the API's port.
     */
    @Test
    void theBackOfficeAnswersOnItsOwnConnectorOnly() throws Exception {
        for (String path : List.of("/sachbearbeitung", "/sachbearbeitung/faelle", "/sachbearbeitung/konten", "/sachbearbeitung/betrieb",
                "/sachbearbeitung/post", "/sachbearbeitung/nachpruefung")) {
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(distribution.uri(path)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode(), "portal " + path);
            HttpResponse<String> inside = HTTP.send(HttpRequest.newBuilder(distribution.backOffice(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, inside.statusCode(), "back office " + path);
        }
        // the back office's start page leads to its login; its cookie is its own (browsers send a host's cookies to every port)
        HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(distribution.backOffice("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, start.statusCode());
        assertTrue(start.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("OPENIKFZ_STAFF=")),
                start.headers().map().toString());
        for (URI elsewhere : List.of(distribution.uri("/api/v1/procedures"), distribution.uri("/health"), distribution.api("/"),
                distribution.api("/sachbearbeitung"), distribution.backOffice("/api/v1/procedures"), distribution.backOffice("/ausserbetriebsetzung"))) {
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(elsewhere).build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                    elsewhere.toString());
        }
        try (Citizen attacker = new Citizen()) {
            for (String target : List.of("sachbearbeitung", "sachbearbeitung/konten", "sachbearbeitung/betrieb")) {
                attacker.open(distribution.uri("/").toString());
                attacker.waitForText("Fahrzeug abmelden");
                // a router link of the portal pointed at the back office: Vaadin navigates with a UIDL request, no page load
                ((org.openqa.selenium.JavascriptExecutor) attacker.browser).executeScript(
                        "const a = document.querySelector('a.ikfz-brand'); a.setAttribute('href', arguments[0]); a.click();", target);
                attacker.waitForText("Seite nicht gefunden");
                assertFalse(attacker.body().contains("Anmeldung für die Zulassungsbehörde") || attacker.body().contains("Konten der")
                        || attacker.body().contains("Betrieb"), target + ": " + attacker.body());
            }
        }
    }

    /**
     * What a scanner tries on every web server (a script of another platform, a configuration file, a favicon this
     * portal has not) is 404 on the portal and the back office, not the application's start page with 200; the files
     * the pages load are there.
     */
    @Test
    void fileNamesThePortalDoesNotHaveAreNotFound() throws Exception {
        for (java.util.function.Function<String, URI> ingress : List.<java.util.function.Function<String, URI>>of(distribution::uri,
                distribution::backOffice)) {
            for (String path : List.of("/x.jsp", "/wp-login.php", "/.env", "/admin/config.php", "/favicon.ico", "/ausserbetriebsetzung.html")) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(ingress.apply(path)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, answer.statusCode(), ingress.apply(path) + ": " + answer.body());
                assertTrue(answer.body().contains("Seite nicht gefunden"), ingress.apply(path) + ": " + answer.body());
            }
            for (String path : List.of("/", "/openikfz.css", "/sw.js")) {
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(ingress.apply(path)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode(), ingress.apply(path).toString());
            }
        }
    }

    /**
     * Behind a reverse proxy: from a trusted address, {@code Forwarded} counts — the eID login's return address is on
     * the forwarded public host over HTTPS, and the session cookie is marked Secure; from any other address the same
     * header is ignored.
     */
    @Test
    void forwardedHeadersCountOnlyFromTrustedProxies() throws Exception {
        String forwarded = "for=203.0.113.9;proto=https;host=portal.example";
        HttpResponse<Void> viaProxy = HTTP.send(HttpRequest.newBuilder(distribution.uri("/")).header("Forwarded", forwarded).build(),
                HttpResponse.BodyHandlers.discarding());
        assertTrue(sessionCookie(viaProxy).contains("Secure"), "HTTPS at the proxy: " + sessionCookie(viaProxy));
        HttpClient stranger = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0.2")).build();
        HttpResponse<Void> direct = stranger.send(HttpRequest.newBuilder(distribution.uri("/")).header("Forwarded", forwarded).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, direct.statusCode());
        assertFalse(sessionCookie(direct).contains("Secure"), "not from a proxy: the header is ignored: " + sessionCookie(direct));

        try (Citizen citizen = new Citizen()) {
            // the proxy's header on every request of the browser (as the proxy would add it)
            org.openqa.selenium.chrome.ChromeDriver chrome = (org.openqa.selenium.chrome.ChromeDriver) citizen.browser;
            chrome.executeCdpCommand("Network.enable", java.util.Map.of());
            chrome.executeCdpCommand("Network.setExtraHTTPHeaders", java.util.Map.of("headers", java.util.Map.of("Forwarded", forwarded)));
            citizen.open(distribution.uri("/wiederzulassung").toString());
            citizen.waitForText("Anmelden mit Online-Ausweis, BundID oder Organisationskonto");
            citizen.browser.findElement(org.openqa.selenium.By.id("identification-start")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(citizen.browser, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().contains("/identity/login"));
            String login = java.net.URLDecoder.decode(citizen.browser.getCurrentUrl(), StandardCharsets.UTF_8);
            assertTrue(login.contains("return=https://portal.example/wiederzulassung?return="), login);
        }
    }

    /**
     * What holds secrets is the platform user's only (the start script's umask and chmod): etc/ (passwords), data/
     * (the database with open dialogs' codes, the audit and staff keys, the first operator's password), logs/.
     */
    @Test
    void whatHoldsSecretsIsForThePlatformsUserOnly() throws Exception {
        // (audit/ holds the checkpoints once the first is written)
        List<String> dirs = Files.exists(distribution.home.resolve("audit")) ? List.of("etc", "data", "logs", "audit")
                : List.of("etc", "data", "logs");
        for (String dir : dirs) {
            assertEquals("rwx------", permissions(distribution.home.resolve(dir)), dir);
        }
        List<java.nio.file.Path> files = new java.util.ArrayList<>();
        for (String dir : dirs) {
            try (var listing = Files.list(distribution.home.resolve(dir))) {
                listing.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        for (String name : List.of("data/openikfz.mv.db", "data/audit.key", "data/staff.key", "data/initial-operator.txt",
                "logs/openikfz.log", "etc/org.openikfz.ui.cfg")) {
            assertTrue(files.contains(distribution.home.resolve(name)), name + " is there");
        }
        for (java.nio.file.Path file : files) {
            assertEquals("rw-------", permissions(file), distribution.home.relativize(file).toString());
        }
    }

    private static String permissions(java.nio.file.Path path) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /**
     * One client address holds a bounded number of sessions: the next page request gets 429 (other addresses are
     * served), and once its sessions have ended after their idle time it is served again.
     */
    @Test
    void oneAddressHoldsABoundedNumberOfSessions() throws Exception {
        HttpClient hoarder = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0.7")).build();
        for (int i = 0; i < SESSIONS_PER_ADDRESS; i++) {
            HttpResponse<Void> page = hoarder.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, page.statusCode(), "session " + (i + 1));
        }
        HttpResponse<String> refused = hoarder.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, refused.statusCode());
        assertTrue(refused.body().contains("Zu viele offene Sitzungen"), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        HttpClient other = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName("127.0.0.8")).build();
        assertEquals(200, other.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        // the sessions end after their idle time, and are counted off
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 429;
        while (status == 429 && System.nanoTime() < deadline) {
            Thread.sleep(250); // time must pass: the sessions' idle time
            status = hoarder.send(HttpRequest.newBuilder(distribution.uri("/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        assertEquals(200, status, "served again once its sessions ended");
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers().map()));
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

    /**
     * Requests Jetty itself refuses (a malformed address, a header over the limit): the page says the status and a
     * reference, no exception text, and carries the protective headers as every other answer.
     */
    @Test
    void errorPagesSayTheStatusAndAReferenceOnly() throws Exception {
        for (URI uri : List.of(distribution.uri("/"), distribution.api("/"), distribution.backOffice("/"))) {
            for (String request : List.of("GET /%zz%%/x HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-Padding: " + "x".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n")) {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 431"), answer);
                    // a page on the portal and the back office, a problem (application/problem+json) on the machine API's port
                    assertTrue(uri.getPort() == distribution.api("/").getPort()
                            ? answer.matches("(?s).*application/problem\\+json.*\"reference\":\"[0-9a-f]{8}\".*")
                            : answer.matches("(?s).*Fehlernummer / error reference: [0-9a-f]{8}.*"), answer);
                    assertFalse(answer.contains("Exception") || answer.toLowerCase(java.util.Locale.ROOT).contains("jetty")
                            || answer.contains("Ambiguous") || answer.contains("Illegal") || answer.contains("Bad Message"), answer);
                    String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
                    for (String header : List.of("x-content-type-options: nosniff", "x-frame-options: deny", "cache-control: no-store",
                            "content-security-policy: frame-ancestors 'none'")) {
                        assertTrue(head.contains(header), uri + " " + answer.substring(0, 20) + " lacks " + header + ": " + head);
                    }
                }
            }
        }
    }

    /**
     * A client written against the API's document reads every error of the API's port as an RFC 9457 problem: also an
     * address outside the API, a body over the port's limit, and a method an address does not take (405, with the
     * method it takes in {@code Allow}); an address an application does not have is 404.
     */
    @Test
    void everyErrorOfTheMachineApiIsAProblem() throws Exception {
        JsonNode created = api.call("POST", "/api/v1/applications", null, java.util.Map.of("procedure", "ausserbetriebsetzung"), 201);
        String application = "/api/v1/applications/" + created.path("id").asText();
        record Case(String method, String path, int status, String error, String allow) {
        }
        for (Case c : List.of(new Case("GET", "/nothing-here", 404, "NOT_FOUND", null),
                new Case("GET", "/api/v1/nothing-here", 404, "NOT_FOUND", null),
                new Case("DELETE", "/api/v1/procedures", 405, "METHOD_NOT_ALLOWED", "GET"),
                new Case("PUT", "/api/v1/applications", 405, "METHOD_NOT_ALLOWED", "POST"),
                new Case("GET", "/api/v1/status", 405, "METHOD_NOT_ALLOWED", "POST"),
                new Case("GET", application + "/verify", 405, "METHOD_NOT_ALLOWED", "POST"),
                new Case("POST", application, 405, "METHOD_NOT_ALLOWED", "GET"),
                new Case("DELETE", application + "/documents/provisional-registration.pdf", 405, "METHOD_NOT_ALLOWED", "GET"),
                new Case("GET", application + "/nothing-here", 404, "NOT_FOUND", null))) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(distribution.api(c.path()))
                    .header("Authorization", "Bearer " + created.path("token").asText())
                    .method(c.method(), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String what = c.method() + " " + c.path() + ": " + answer.body();
            assertEquals(c.status(), answer.statusCode(), what);
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
            JsonNode problem = Api.JSON.readTree(answer.body());
            assertEquals(c.status(), problem.path("status").asInt(), what);
            assertEquals(c.error(), problem.path("error").asText(), what);
            assertTrue(problem.path("type").asText().startsWith("tag:openikfz.org,2026:problem:"), what);
            assertFalse(problem.path("detail").asText().isBlank(), what);
            assertEquals(Optional.ofNullable(c.allow()), answer.headers().firstValue("Allow"), what);
        }
        // a body over the port's limit (announced; never sent), refused by Jetty before the API reads it
        URI applications = distribution.api("/api/v1/applications");
        String refused;
        try (Socket socket = new Socket(applications.getHost(), applications.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/applications HTTP/1.1\r\nHost: " + applications.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nAccept-Language: en\r\nContent-Length: " + (2 * 1024 * 1024)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            refused = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(refused.startsWith("HTTP/1.1 413 "), refused);
        assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), refused);
        JsonNode problem = Api.JSON.readTree(refused.substring(refused.indexOf("\r\n\r\n") + 4));
        assertEquals("PAYLOAD_TOO_LARGE", problem.path("error").asText(), refused);
        assertTrue(problem.path("detail").asText().startsWith("The request is too large."), refused);
    }

    /** Sends the request head with this Content-Length but no body, and reads the status line of the answer. */
    private static String statusLineWithoutSendingTheBody(URI uri, long contentLength) throws Exception {
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

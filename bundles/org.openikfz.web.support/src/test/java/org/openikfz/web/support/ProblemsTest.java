package org.openikfz.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On the machine API's port every error is an RFC 9457 problem, as the API's own are: also what Jetty answers before
 * or outside the API (an unknown address, a body or a header over the limit, a malformed address, a fault). A client
 * written against the API's document reads them all the same way. The other ingresses keep their pages.
 */
class ProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestIngress ingress;
    private int port;

    private void start(boolean api) throws Exception {
        ingress = TestIngress.start(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getRequestURI().equals("/api/fault")) {
                    throw new IllegalStateException("a fault with a secret in its message");
                }
                response.setStatus(200);
            }
        }, "/api/*", new Ingresses.RateLimit(1000, 1000), api);
        port = ingress.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (ingress != null) {
            ingress.close();
        }
    }

    @Test
    void everyErrorOnTheApisPortIsAProblem() throws Exception {
        start(true);
        problem(exchange("GET /nothing HTTP/1.1\r\nHost: x\r\n"), 404, "NOT_FOUND", "Diese Adresse gibt es nicht.");
        // announced larger than the limit: refused before the body is read
        problem(exchange("POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n"),
                413, "PAYLOAD_TOO_LARGE", "Die Anfrage ist zu groß.");
        problem(exchange("GET /%zz%%/x HTTP/1.1\r\nHost: x\r\n"), 400, "BAD_REQUEST", "Die Anfrage ist fehlerhaft");
        problem(exchange("GET /api/x HTTP/1.1\r\nHost: x\r\nX-Padding: " + "x".repeat(64 * 1024) + "\r\n"), 431, "BAD_REQUEST",
                "Kopfzeilen");
        String fault = exchange("GET /api/fault HTTP/1.1\r\nHost: x\r\n");
        problem(fault, 500, "INTERNAL", "Bei uns ist ein Fehler aufgetreten.");
        assertFalse(fault.contains("secret") || fault.contains("IllegalState"), fault);
    }

    @Test
    void aProblemIsInEnglishWhenTheClientAsksForItAndAProblemWhateverTheClientAccepts() throws Exception {
        start(true);
        String english = exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nAccept-Language: en-GB, de;q=0.5\r\n");
        problem(english, 404, "NOT_FOUND", "No such resource.");
        assertTrue(english.toLowerCase(Locale.ROOT).contains("content-language: en"), english);
        // Jetty would negotiate an error for an unknown media type into an empty body
        problem(exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nAccept: application/problem+json\r\n"), 404, "NOT_FOUND", "Diese Adresse");
        problem(exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nAccept: image/png\r\n"), 404, "NOT_FOUND", "Diese Adresse");
        // German first, even when English is named after it
        problem(exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nAccept-Language: de-DE, en\r\n"), 404, "NOT_FOUND", "Diese Adresse");
    }

    @Test
    void theOtherIngressesKeepTheirPages() throws Exception {
        start(false);
        String page = exchange("GET /nothing HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n");
        assertTrue(page.startsWith("HTTP/1.1 404"), page);
        assertTrue(page.toLowerCase(Locale.ROOT).contains("content-type: text/html"), page);
        assertTrue(page.matches("(?s).*Fehlernummer / error reference: [0-9a-f]{8}.*"), page);
    }

    /** The answer is a problem of this status and kind, its detail containing {@code text} and naming its reference. */
    private static void problem(String answer, int status, String error, String text) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
        int split = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, split).toLowerCase(Locale.ROOT);
        assertTrue(head.contains("content-type: application/problem+json"), head);
        assertTrue(head.contains("x-content-type-options: nosniff") && head.contains("cache-control: no-store"), head);
        JsonNode problem = JSON.readTree(answer.substring(split + 4));
        assertEquals(status, problem.path("status").asInt(), answer);
        assertEquals(error, problem.path("error").asString(), answer);
        assertEquals(Problems.type(error), problem.path("type").asString(), answer);
        assertEquals(Problems.title(error), problem.path("title").asString(), answer);
        String reference = problem.path("reference").asString();
        assertTrue(reference.matches("[0-9a-f]{8}"), answer);
        String detail = problem.path("detail").asString();
        assertTrue(detail.contains(text) && detail.contains(reference), answer);
        assertEquals(detail, problem.path("message").asString(), answer);
        assertFalse(answer.contains("Exception") || answer.toLowerCase(Locale.ROOT).contains("jetty"), answer);
    }

    /** One request (its head; the body is never sent) on a connection of its own; the whole answer. */
    private String exchange(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

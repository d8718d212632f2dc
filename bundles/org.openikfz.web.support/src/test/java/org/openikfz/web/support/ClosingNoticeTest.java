package org.openikfz.web.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An ingress answers a request before its body arrived (over the rate: 429; an unknown path: 404) on a connection
 * that then either goes on serving the client or is closed with notice ({@code Connection: close}). A client such as
 * Java's HttpClient sends a POST's headers and its body in two writes; a connection closed without notice made its
 * next request on it fail with "header parser received no bytes" (seen in the abuse IT, about one request in 40
 * after the first 429).
 */
class ClosingNoticeTest {

    private static final String BODY = "{\"procedure\":\"ausserbetriebsetzung\"}";

    private TestIngress ingress;
    private int port;

    private void start(Ingresses.RateLimit limits) throws Exception {
        ingress = TestIngress.start(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getRequestURI().startsWith("/unknown")) {
                    // as the machine API answers: a JSON problem of known length, written before the body is read
                    byte[] problem = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
                    response.setStatus(404);
                    response.setContentType("application/problem+json");
                    response.setContentLength(problem.length);
                    response.getOutputStream().write(problem);
                    return;
                }
                request.getInputStream().readAllBytes();
                response.setStatus(201);
            }
        }, "/*", limits, true);
        port = ingress.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (ingress != null) {
            ingress.close();
        }
    }

    @Test
    void aRefusalOverTheRateBeforeTheBodyArrivedLeavesTheConnectionUsableOrSaysItIsClosed() throws Exception {
        // one operation a second, no burst: the second of two quick requests is over the rate
        start(new Ingresses.RateLimit(1, 1));
        int refusals = 0;
        for (int attempt = 0; attempt < 20 && refusals < 5; attempt++) {
            spendTheRate();
            if (answerBeforeTheBody("/api/v1/applications", 429)) {
                refusals++;
            }
        }
        assertTrue(refusals >= 5, "refusals seen: " + refusals);
    }

    @Test
    void anErrorBeforeTheBodyArrivedLeavesTheConnectionUsableOrSaysItIsClosed() throws Exception {
        start(new Ingresses.RateLimit(1000, 1000));
        int errors = 0;
        for (int attempt = 0; attempt < 20 && errors < 5; attempt++) {
            if (answerBeforeTheBody("/unknown", 404)) {
                errors++;
            }
        }
        assertTrue(errors >= 5, "early errors seen: " + errors);
    }

    /**
     * Sends a POST's headers, then (once answered, or after 3 s without an answer) its body and another request on the
     * same connection. Whether the answer {@code expected} came before the body.
     */
    private boolean answerBeforeTheBody(String path, int expected) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(headers(path).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response first = Response.read(in);
            out.write(BODY.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (first == null) {
                // the handler waited for the body and took it
                Response.read(in);
                return false;
            }
            assertEquals(expected, first.status());
            if ("close".equalsIgnoreCase(first.headers().get("connection"))) {
                return true;
            }
            // kept alive: the next request on it is answered
            out.write(("GET /next HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (Response.read(in) == null) {
                fail("no answer on a connection kept alive after a " + expected);
            }
            return true;
        } catch (EndOfStream e) {
            fail("the connection was closed after a " + expected + " that did not say so");
            return false;
        }
    }

    /** A whole request on a connection of its own, so that the next one within the second is over the rate. */
    private void spendTheRate() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((headers("/api/v1/applications") + BODY).getBytes(StandardCharsets.US_ASCII));
            Response.read(socket.getInputStream());
        }
    }

    private static String headers(String path) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + BODY.length() + "\r\n\r\n";
    }

    private static final class EndOfStream extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** An HTTP/1.1 response read off the socket; {@code null} when none came within the socket's timeout. */
    private record Response(int status, Map<String, String> headers) {

        static Response read(InputStream in) throws IOException {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (SocketTimeoutException e) {
                return null;
            }
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            if (in.readNBytes(length).length < length) {
                throw new EndOfStream();
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EndOfStream();
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}

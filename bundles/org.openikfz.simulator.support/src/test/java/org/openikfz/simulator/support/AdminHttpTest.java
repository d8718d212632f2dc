package org.openikfz.simulator.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.net.URI;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The admin HTTP plumbing: parsing, quoting, and the guarded answers. */
class AdminHttpTest {

    @Test
    void formsAndQueriesAreDecoded() {
        assertEquals(Map.of("name", "Erna Beispiel", "amount", "12,30", "x", "a=b"),
                AdminHttp.form("name=Erna+Beispiel&amount=12%2C30&x=a=b&=nameless&novalue"));
        assertEquals(Map.of(), AdminHttp.form(""));
    }

    @Test
    void jsonStringsAreQuoted() {
        assertEquals("\"a\\\"b\\\\c\\u000a\\u2028\"", AdminHttp.quote("a\"b\\c\n\u2028"));
        assertEquals("{\"error\":\"invalid input\"}", AdminHttp.error(null));
        assertEquals("null", AdminHttp.quoteOrNull(null));
        assertEquals("\"2025-01-31\"", AdminHttp.quoteOrNull(LocalDate.of(2025, 1, 31)));
    }

    @Test
    void amountsAndDatesOfAForm() {
        assertEquals(new BigDecimal("12.30"), AdminHttp.amount(" 12,30 ", null, "no"));
        assertEquals("amount is needed", assertThrows(IllegalArgumentException.class,
                () -> AdminHttp.amount(" ", null, "no")).getMessage());
        assertEquals("no", assertThrows(IllegalArgumentException.class, () -> AdminHttp.amount("abc", null, "no")).getMessage());
        assertEquals("no", assertThrows(IllegalArgumentException.class,
                () -> AdminHttp.amount("1e3", Pattern.compile("[0-9]+"), "no")).getMessage());
        assertEquals(LocalDate.of(1950, 1, 2), AdminHttp.date(Map.of("d", " 1950-01-02 "), "d"));
        assertEquals(null, AdminHttp.date(Map.of("d", " "), "d"));
        assertEquals("d is an ISO date (yyyy-mm-dd)", assertThrows(IllegalArgumentException.class,
                () -> AdminHttp.date(Map.of("d", "1.1.1970"), "d")).getMessage());
    }

    @Test
    void modes() {
        assertEquals(Mode.SLOW, Mode.of(" Slow "));
        assertEquals(Mode.SLOW, Mode.exactly("slow"));
        assertThrows(IllegalArgumentException.class, () -> Mode.exactly(" slow"));
        assertThrows(IllegalArgumentException.class, () -> Mode.of("fast"));
        assertEquals("unavailable", Mode.UNAVAILABLE.value());
    }

    @Test
    void invalidInputIsAnswered422AndFailures500() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        System.Logger log = System.getLogger(AdminHttpTest.class.getName());
        server.createContext("/bad", AdminHttp.guarded(log, "Test", x -> {
            throw new IllegalArgumentException("amount is needed");
        }));
        server.createContext("/fail", AdminHttp.guarded(log, "Test", x -> {
            throw new IllegalStateException("Geheim");
        }));
        server.createContext("/post", AdminHttp.guarded(log, "Test", x -> {
            if (AdminHttp.postTo(x, "/post", AdminHttp.error("not found"), AdminHttp.error("POST it"))) {
                AdminHttp.json(x, 200, "{\"form\":" + AdminHttp.quote(AdminHttp.body(x, 4, "too large")) + "}");
            }
        }));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals("422 {\"error\":\"amount is needed\"} application/json; charset=utf-8",
                    call(base + "/bad", null, "Content-Type"));
            assertEquals("500 {\"error\":\"internal error\"}", call(base + "/fail", null, null));
            assertEquals("405 {\"error\":\"POST it\"} POST", call(base + "/post", null, "Allow"));
            assertEquals("404 {\"error\":\"not found\"}", call(base + "/post/x", "a", null));
            assertEquals("200 {\"form\":\"a=1\"}", call(base + "/post", "a=1", null));
            assertEquals("422 {\"error\":\"too large\"}", call(base + "/post", "a=12345", null));
        } finally {
            server.stop(0);
        }
    }

    /** "status body [header]" of a GET, or of a POST of the body. */
    static String call(String url, String body, String header) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (body != null) {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return status + " " + text + (header == null ? "" : " " + c.getHeaderField(header));
        } finally {
            c.disconnect();
        }
    }
}

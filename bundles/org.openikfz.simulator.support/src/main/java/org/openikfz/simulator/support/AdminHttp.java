package org.openikfz.simulator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;

/**
 * The plumbing of the simulators' HTTP APIs ({@code com.sun.net.httpserver}): requests guarded so that
 * invalid input is answered 422 {@code {"error":…}} and anything else 500 without personal data in the
 * log, form and query parsing, JSON quoting and answers, and where a simulator keeps its data.
 */
public final class AdminHttp {

    /** The framework property naming the installation directory. */
    public static final String HOME_PROPERTY = "openikfz.home";
    public static final String JSON = "application/json; charset=utf-8";

    /** Handles one exchange; {@link #guarded} answers what it throws. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange x) throws IOException;
    }

    private AdminHttp() {
    }

    /**
     * The handler, guarded: an {@link IllegalArgumentException} or {@link DateTimeException} is answered 422
     * with {@link #error} of its message, anything else 500 {@code internal error} and logged as a warning
     * naming only the path and the exception's class; the exchange is closed in any case.
     *
     * @param log       where failures are logged
     * @param simulator how the log names the simulator, like {@code Gebührenrückstand Sachsen}
     */
    public static HttpHandler guarded(Logger log, String simulator, Handler handler) {
        return guarded(log, simulator, AdminHttp::error, handler);
    }

    /** As {@link #guarded(Logger, String, Handler)}, with the simulator's own error body for a message. */
    public static HttpHandler guarded(Logger log, String simulator, UnaryOperator<String> errorBody, Handler handler) {
        return x -> {
            try {
                handler.handle(x);
            } catch (IllegalArgumentException | DateTimeException e) {
                trySend(x, 422, errorBody.apply(e.getMessage()));
            } catch (IOException | RuntimeException e) {
                log.log(Level.WARNING, "simulator " + simulator + ": " + x.getRequestURI().getPath() + " failed: "
                        + e.getClass().getName());
                trySend(x, 500, errorBody.apply("internal error"));
            } finally {
                x.close();
            }
        };
    }

    private static void trySend(HttpExchange x, int status, String body) {
        try {
            json(x, status, body);
        } catch (IOException | RuntimeException ignored) { // headers already sent, or the client is gone
        }
    }

    /**
     * Whether the request is a POST to exactly {@code path}; if not, it is answered 404 with
     * {@code notFound}, or 405 with {@code Allow: POST} and {@code notAllowed} (JSON bodies).
     */
    public static boolean postTo(HttpExchange x, String path, String notFound, String notAllowed) throws IOException {
        if (!x.getRequestURI().getPath().equals(path)) {
            json(x, 404, notFound);
            return false;
        }
        if (!x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().set("Allow", "POST");
            json(x, 405, notAllowed);
            return false;
        }
        return true;
    }

    /**
     * The request body as UTF-8 text.
     *
     * @throws IllegalArgumentException with {@code tooLarge} when it is larger than {@code maxBytes} (so: 422)
     */
    public static String body(HttpExchange x, int maxBytes, String tooLarge) throws IOException {
        byte[] bytes = x.getRequestBody().readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(tooLarge);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The fields of an {@code application/x-www-form-urlencoded} text (a form body or a query); the last of a name wins. */
    public static Map<String, String> form(String encoded) {
        Map<String, String> map = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    /** The fields of the request's query string (none: empty). */
    public static Map<String, String> query(HttpExchange x) {
        String query = x.getRequestURI().getRawQuery();
        return form(query == null ? "" : query);
    }

    /** {@code null} for {@code null} or blank, else the value. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The form field as an ISO date, {@code null} when absent or blank.
     *
     * @throws IllegalArgumentException "{field} is an ISO date (yyyy-mm-dd)"
     */
    public static LocalDate date(Map<String, String> form, String field) {
        String value = blankToNull(form.get(field));
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " is an ISO date (yyyy-mm-dd)");
        }
    }

    /**
     * An amount in euro as a form gives it, a decimal comma allowed.
     *
     * @param accepted  what the text must match after the comma became a point, or {@code null}: any decimal
     * @param notNumber the refusal of a text that is no such number
     * @throws IllegalArgumentException "amount is needed", or {@code notNumber}
     */
    public static BigDecimal amount(String value, Pattern accepted, String notNumber) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("amount is needed");
        }
        String plain = value.strip().replace(',', '.');
        if (accepted != null && !accepted.matcher(plain).matches()) {
            throw new IllegalArgumentException(notNumber);
        }
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(notNumber);
        }
    }

    /** A JSON string literal: quotes, backslashes, control characters and the line separators U+2028/9 escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A JSON string literal, or {@code null}; of {@code value.toString()}. */
    public static String quoteOrNull(Object value) {
        return value == null ? "null" : quote(value.toString());
    }

    /** {@code {"error":"…"}}; a {@code null} message: {@code invalid input}. */
    public static String error(String message) {
        return "{\"error\":" + quote(message == null ? "invalid input" : message) + "}";
    }

    /** Answers with the JSON body. */
    public static void json(HttpExchange x, int status, String body) throws IOException {
        send(x, status, JSON, body);
    }

    /** Answers with the body, UTF-8 encoded, of that content type. */
    public static void send(HttpExchange x, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", contentType);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The installation directory: the framework property {@value #HOME_PROPERTY}, or the working directory. */
    public static Path home(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null ? "." : home);
    }

    /** {@code ${openikfz.home}/data/simulator}, created if need be: where the simulators keep their debtors. */
    public static Path dataDir(BundleContext context) {
        Path dir = home(context).resolve("data").resolve("simulator");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}

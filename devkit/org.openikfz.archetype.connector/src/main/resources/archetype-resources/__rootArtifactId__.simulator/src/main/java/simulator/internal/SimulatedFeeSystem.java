package ${package}.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The simulated fee-arrears system of ${landName} (${land}): the protocol the connector speaks, and an
 * admin API for tests and operators. Replace both sides by the Land's real protocol; keep the admin API.
 *
 * <p>Protocol (an example until the Land's own is put in): {@code POST /gebuehren/v1/rueckstand} with
 * {@code {"requestId","authority","land","name","dateOfBirth","postalCode","organisation"}}, answered with
 * {@code {"requestId","status":"CLEAR"}} or {@code {"requestId","status":"FOUND","amount","reference",
 * "payee","iban"}}. With an API key configured, requests must carry it in the header {@code X-Api-Key}.
 *
 * <p>Admin API: {@code GET|POST /gebuehren/admin/debtors} (form: {@code name}, {@code dateOfBirth},
 * {@code amount}, {@code reference}), {@code GET|POST /gebuehren/admin/mode} (form: {@code mode} =
 * {@code normal|slow|unavailable|malformed}). Answers are JSON; bad input is 422 with {@code {"error":…}}.
 */
public final class SimulatedFeeSystem implements AutoCloseable {

    /** How the simulated system behaves. */
    public enum Mode {
        /** Answers. */
        NORMAL,
        /** Answers after the slow delay: longer than the connector's timeout. */
        SLOW,
        /** HTTP 503. */
        UNAVAILABLE,
        /** A broken JSON answer. */
        MALFORMED
    }

    /** A holder with arrears. */
    public record Debtor(String name, LocalDate dateOfBirth, BigDecimal amount, String reference) {
    }

    static final String PAYEE = "Landeskasse ${landName}";
    static final String IBAN = "DE02120300000000202051"; // the cash office's account (an example IBAN), not a citizen's

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String apiKey;
    private final long slowDelayMs;
    private final List<Debtor> debtors = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Mode mode = Mode.NORMAL;

    /**
     * Starts the server.
     *
     * @param dir         where the debtors are kept; the seed debtor is written when the file is new
     * @param host        address to bind
     * @param port        port to bind; 0 = a free one (tests), see port()
     * @param slowDelayMs how long the slow mode waits before it answers
     * @param apiKey      the key requests must carry, or empty: none needed
     */
    public SimulatedFeeSystem(Path dir, String host, int port, long slowDelayMs, String apiKey) throws IOException {
        this.file = dir.resolve("gebuehren-${landLower}-debtors.tsv");
        this.apiKey = apiKey == null ? "" : apiKey;
        this.slowDelayMs = slowDelayMs;
        Files.createDirectories(dir);
        if (!Files.exists(file)) {
            debtors.add(new Debtor("Hanna Hinweis", LocalDate.of(1990, 9, 9), new BigDecimal("45.60"), "${land}-2025-004711"));
            save();
        }
        load();
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/gebuehren/v1/rueckstand", this::query);
        server.createContext("/gebuehren/admin/", this::admin);
        server.setExecutor(executor);
        server.start();
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    public Mode mode() {
        return mode;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<Debtor> debtors() {
        return List.copyOf(debtors);
    }

    /** Adds a debtor, or replaces the one with the same name and date of birth. */
    public synchronized void add(Debtor debtor) {
        debtors.removeIf(d -> d.name().equalsIgnoreCase(debtor.name()) && java.util.Objects.equals(d.dateOfBirth(), debtor.dateOfBirth()));
        debtors.add(debtor);
        save();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- the protocol ----

    private void query(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("POST only"));
                return;
            }
            if (!apiKey.isEmpty() && !apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                send(exchange, 401, error("unknown API key"));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                send(exchange, 400, error("no JSON"));
                return;
            }
            String requestId = request.path("requestId").asText("");
            String name = request.path("name").asText("");
            if (requestId.isBlank() || name.isBlank()) {
                send(exchange, 400, error("requestId and name are required"));
                return;
            }
            switch (mode) {
                case UNAVAILABLE -> {
                    send(exchange, 503, error("unavailable"));
                    return;
                }
                case MALFORMED -> {
                    send(exchange, 200, "{\"requestId\":\"" + requestId + "\",\"status\":");
                    return;
                }
                case SLOW -> {
                    try {
                        Thread.sleep(slowDelayMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                default -> {
                }
            }
            LocalDate born = date(request.path("dateOfBirth").asText(""));
            ObjectNode answer = JSON.createObjectNode().put("requestId", requestId);
            Debtor debtor = find(name, born);
            if (debtor == null) {
                answer.put("status", "CLEAR");
            } else {
                answer.put("status", "FOUND").put("amount", debtor.amount().toPlainString())
                        .put("reference", debtor.reference()).put("payee", PAYEE).put("iban", IBAN);
            }
            send(exchange, 200, answer.toString());
        }
    }

    private Debtor find(String name, LocalDate born) {
        for (Debtor d : debtors) {
            if (d.name().equalsIgnoreCase(name.strip())
                    && (d.dateOfBirth() == null || born == null || d.dateOfBirth().equals(born))) {
                return d;
            }
        }
        return null;
    }

    // ---- the admin API ----

    private void admin(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean post = "POST".equals(exchange.getRequestMethod());
            Map<String, String> form = post ? form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)) : Map.of();
            switch (path) {
                case "/gebuehren/admin/mode" -> {
                    if (post) {
                        try {
                            mode = Mode.valueOf(form.getOrDefault("mode", "").toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            send(exchange, 422, error("mode must be normal, slow, unavailable or malformed"));
                            return;
                        }
                    }
                    send(exchange, 200, JSON.createObjectNode().put("mode", mode.name().toLowerCase(Locale.ROOT)).toString());
                }
                case "/gebuehren/admin/debtors" -> {
                    if (post) {
                        Debtor debtor;
                        try {
                            debtor = debtor(form);
                        } catch (IllegalArgumentException e) {
                            send(exchange, 422, error(e.getMessage()));
                            return;
                        }
                        add(debtor);
                        send(exchange, 201, json(debtor).toString());
                        return;
                    }
                    ArrayNode list = JSON.createArrayNode();
                    debtors.forEach(d -> list.add(json(d)));
                    send(exchange, 200, list.toString());
                }
                default -> send(exchange, 404, error("unknown path"));
            }
        }
    }

    private Debtor debtor(Map<String, String> form) {
        String name = form.getOrDefault("name", "").strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is required");
        }
        String dob = form.getOrDefault("dateOfBirth", "").strip();
        LocalDate born = date(dob);
        if (!dob.isEmpty() && born == null) {
            throw new IllegalArgumentException("dateOfBirth must be YYYY-MM-DD");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(form.getOrDefault("amount", "45.60").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a number, e.g. 45.60");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        String reference = form.getOrDefault("reference", "").strip();
        if (reference.isEmpty()) {
            reference = "${land}-2025-" + String.format("%06d", 4712 + debtors.size());
        }
        return new Debtor(name, born, amount, reference);
    }

    private static ObjectNode json(Debtor d) {
        return JSON.createObjectNode().put("name", d.name())
                .put("dateOfBirth", d.dateOfBirth() == null ? null : d.dateOfBirth().toString())
                .put("amount", d.amount().toPlainString()).put("reference", d.reference());
    }

    // ---- records under data/simulator ----

    private synchronized void load() {
        try {
            debtors.clear();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length >= 4 && !f[0].isBlank()) {
                    debtors.add(new Debtor(f[0], date(f[1]), new BigDecimal(f[2]), f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void save() {
        List<String> lines = new ArrayList<>();
        for (Debtor d : debtors) {
            lines.add(String.join("\t", field(d.name()), d.dateOfBirth() == null ? "" : d.dateOfBirth().toString(),
                    d.amount().toPlainString(), field(d.reference())));
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String value) {
        return value.replaceAll("[\\t\\r\\n]", " ");
    }

    // ---- helpers ----

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

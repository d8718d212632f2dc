package org.openikfz.simulator.gebuehren.sn.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Simulator of the Land Sachsen's fee-arrears web service: SOAP 1.1 at {@code POST /xkfz/gebuehren}
 * answering the request {@code gebuehren.rueckstandsanfrage.0102} with
 * {@code gebuehren.rueckstandsantwort.0103} (modelled on XKfz, see {@link XkfzGebuehren}), from the
 * debtors in {@code ${openikfz.home}/data/simulator/gebuehren-sn-debtors.tsv}. A request it cannot
 * accept is answered with a SOAP Fault (Client) and HTTP 500, as SOAP 1.1 over HTTP prescribes.
 *
 * <pre>
 * POST /xkfz/gebuehren      SOAP 1.1 (Content-Type text/xml; SOAPAction optional)
 * GET  /admin/debtors       the recorded unpaid fees (JSON)
 * POST /admin/debtors       form: name, dateOfBirth (optional), amount, kassenzeichen (optional: generated),
 *                           glaeubiger (optional: the Kreiskasse), faelligSeit (optional: today);
 *                           the same Kassenzeichen replaces its entry
 * GET  /admin/mode          the mode
 * POST /admin/mode          form: mode=normal|slow|unavailable|malformed
 * GET  /admin/requests      how many requests arrived, were answered, were refused with a fault (no personal data)
 * </pre>
 * Modes: {@code slow} answers after {@code slowDelayMs}, {@code unavailable} answers HTTP 503 with a
 * SOAP Fault (Server), {@code malformed} answers 200 with a 0103 that breaks off in the middle.
 */
@Component(immediate = true, configurationPid = GebuehrenSnSimulator.PID, service = {})
@Designate(ocd = GebuehrenSnSimulator.Config.class)
public final class GebuehrenSnSimulator {

    static final String PID = "org.openikfz.simulator.gebuehren.sn";
    static final String ENDPOINT = "/xkfz/gebuehren";

    @ObjectClassDefinition(id = PID, name = "Simulator: Gebührenrückstand Sachsen (XKfz 0102/0103 über SOAP)",
            description = "The Land Sachsen's fee-arrears web service as the embedded default and for tests.")
    public @interface Config {
        @AttributeDefinition(description = "address to bind to")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "port; 0 picks a free one")
        int port() default 8092;

        @AttributeDefinition(description = "delay of an answer in mode slow, in milliseconds "
                + "(longer than the connector's default timeout of 5000)")
        long slowDelayMs() default 8000;

        @AttributeDefinition(description = "mode at start", options = {
                @org.osgi.service.metatype.annotations.Option(value = "normal"),
                @org.osgi.service.metatype.annotations.Option(value = "slow"),
                @org.osgi.service.metatype.annotations.Option(value = "unavailable"),
                @org.osgi.service.metatype.annotations.Option(value = "malformed")})
        String mode() default "normal";
    }

    /** How the service answers. */
    enum Mode {
        NORMAL, SLOW, UNAVAILABLE, MALFORMED;

        static Mode of(String value) {
            if (value != null) {
                for (Mode m : values()) {
                    if (m.name().equalsIgnoreCase(value.strip())) {
                        return m;
                    }
                }
            }
            throw new IllegalArgumentException("mode is normal, slow, unavailable or malformed");
        }

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger LOG = System.getLogger(GebuehrenSnSimulator.class.getName());

    private final DebtorRegister debtors;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "openikfz-simulator-gebuehren-sn");
        t.setDaemon(true);
        return t;
    });
    private final long slowDelayMs;
    private volatile Mode mode;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();

    @Activate
    public GebuehrenSnSimulator(Config config, BundleContext context) throws IOException {
        this(dir(context), config.host(), config.port(), config.slowDelayMs(), Mode.of(config.mode()));
        System.out.println("Simulator Gebührenrückstand Sachsen (XKfz 0102/0103 over SOAP) listening on http://"
                + config.host() + ":" + port() + ENDPOINT);
    }

    /**
     * A simulator keeping its debtors in {@code dir}, listening on {@code host:port} (0: a free port, see
     * {@link #port()}), in mode normal.
     */
    public GebuehrenSnSimulator(Path dir, String host, int port, long slowDelayMs) throws IOException {
        this(dir, host, port, slowDelayMs, Mode.NORMAL);
    }

    private GebuehrenSnSimulator(Path dir, String host, int port, long slowDelayMs, Mode mode) throws IOException {
        if (slowDelayMs < 0) {
            throw new IllegalArgumentException("slowDelayMs must not be negative");
        }
        this.debtors = new DebtorRegister(dir);
        this.slowDelayMs = slowDelayMs;
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext(ENDPOINT, x -> guard(x, this::service));
        server.createContext("/admin/", x -> guard(x, this::admin));
        server.setExecutor(executor);
        server.start();
    }

    /** Stops listening at once; answers being delayed (mode slow) are abandoned. */
    @Deactivate
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The port the server listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    DebtorRegister debtors() {
        return debtors;
    }

    Mode mode() {
        return mode;
    }

    void mode(Mode newMode) {
        this.mode = newMode;
    }

    private static Path dir(BundleContext context) {
        String home = context.getProperty("openikfz.home");
        Path dir = Path.of(home == null ? "." : home, "data", "simulator");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private interface Handler {
        void handle(HttpExchange x) throws IOException;
    }

    private static void guard(HttpExchange x, Handler handler) {
        try {
            handler.handle(x);
        } catch (IllegalArgumentException | DateTimeException e) {
            try {
                json(x, 422, error(e.getMessage()));
            } catch (IOException | RuntimeException ignored) { // the client is gone
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "simulator Gebührenrückstand Sachsen: " + x.getRequestURI().getPath() + " failed: "
                    + e.getClass().getSimpleName());
            try {
                json(x, 500, error("internal error"));
            } catch (IOException | RuntimeException ignored) { // headers already sent, or the client is gone
            }
        } finally {
            x.close();
        }
    }

    // --- the SOAP service ---

    private void service(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals(ENDPOINT)) {
            json(x, 404, error("not found"));
            return;
        }
        if (!x.getRequestMethod().equals("POST")) {
            x.getResponseHeaders().add("Allow", "POST");
            json(x, 405, error("POST a SOAP 1.1 envelope"));
            return;
        }
        requests.incrementAndGet();
        Mode now = mode;
        if (now == Mode.UNAVAILABLE) {
            faults.incrementAndGet();
            soap(x, 503, XkfzGebuehren.fault("soap:Server", "Der Dienst ist vorübergehend nicht verfügbar."));
            return;
        }
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("text/xml")) {
            faults.incrementAndGet();
            soap(x, 415, XkfzGebuehren.fault("soap:Client", "SOAP 1.1 erwartet Content-Type text/xml."));
            return;
        }
        byte[] body = read(x.getRequestBody());
        XkfzGebuehren.Request request;
        try {
            if (body == null) {
                throw new XkfzGebuehren.BadRequest("Die Anfrage ist größer als " + XkfzGebuehren.MAX_REQUEST_BYTES + " Bytes.");
            }
            request = XkfzGebuehren.parse(body);
        } catch (XkfzGebuehren.BadRequest e) {
            faults.incrementAndGet();
            soap(x, 500, XkfzGebuehren.fault(e.faultcode(), e.getMessage()));
            return;
        }
        if (now == Mode.SLOW) {
            try {
                Thread.sleep(slowDelayMs);
            } catch (InterruptedException e) { // stopped meanwhile
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (now == Mode.MALFORMED) {
            soap(x, 200, XkfzGebuehren.broken(request));
            return;
        }
        List<Debtor> found = debtors.find(request.name(), request.geburtsdatum());
        answered.incrementAndGet();
        soap(x, 200, XkfzGebuehren.answer(request, found, UUID.randomUUID(), Instant.now()));
    }

    /** The body, or {@code null} when it is larger than the limit. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(XkfzGebuehren.MAX_REQUEST_BYTES + 1);
        return bytes.length > XkfzGebuehren.MAX_REQUEST_BYTES ? null : bytes;
    }

    // --- admin API ---

    private void admin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (path.equals("/admin/debtors") && method.equals("GET")) {
            json(x, 200, "[" + String.join(",", debtors.all().stream().map(GebuehrenSnSimulator::json).toList()) + "]");
        } else if (path.equals("/admin/debtors") && method.equals("POST")) {
            json(x, 201, json(debtors.add(debtor(form(x)))));
        } else if (path.equals("/admin/mode") && method.equals("GET")) {
            json(x, 200, "{\"mode\":\"" + mode.value() + "\"}");
        } else if (path.equals("/admin/mode") && method.equals("POST")) {
            mode = Mode.of(form(x).get("mode"));
            json(x, 200, "{\"mode\":\"" + mode.value() + "\"}");
        } else if (path.equals("/admin/requests") && method.equals("GET")) {
            json(x, 200, "{\"requests\":" + requests.get() + ",\"answered\":" + answered.get() + ",\"faults\":"
                    + faults.get() + "}");
        } else {
            json(x, 404, error("not found"));
        }
    }

    private static Debtor debtor(Map<String, String> f) {
        String birth = blankToNull(f.get("dateOfBirth"));
        String amount = blankToNull(f.get("amount"));
        if (amount == null) {
            throw new IllegalArgumentException("amount is needed");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount is not a number, e.g. 87.40");
        }
        String kassenzeichen = blankToNull(f.get("kassenzeichen"));
        String glaeubiger = blankToNull(f.get("glaeubiger"));
        String due = blankToNull(f.get("faelligSeit"));
        return new Debtor(f.get("name"), birth == null ? null : LocalDate.parse(birth.strip()), value,
                kassenzeichen == null ? "SN-" + LocalDate.now().getYear() + "-" + String.format("%06d",
                        Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000L)) : kassenzeichen,
                glaeubiger == null ? DebtorRegister.DEFAULT_GLAEUBIGER : glaeubiger,
                due == null ? LocalDate.now() : LocalDate.parse(due.strip()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String json(Debtor d) {
        return "{\"name\":" + quote(d.name()) + ",\"dateOfBirth\":" + (d.dateOfBirth() == null ? "null" : quote(d.dateOfBirth().toString()))
                + ",\"amount\":" + d.amount().toPlainString() + ",\"kassenzeichen\":" + quote(d.kassenzeichen())
                + ",\"glaeubiger\":" + quote(d.glaeubiger()) + ",\"faelligSeit\":" + quote(d.faelligSeit().toString()) + "}";
    }

    private static Map<String, String> form(HttpExchange x) throws IOException {
        byte[] bytes = x.getRequestBody().readNBytes(16 * 1024 + 1);
        if (bytes.length > 16 * 1024) {
            throw new IllegalArgumentException("form too large");
        }
        Map<String, String> map = new HashMap<>();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    private static String error(String message) {
        return "{\"error\":" + quote(message == null ? "invalid input" : message) + "}";
    }

    static String quote(String s) {
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

    private static void soap(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "text/xml; charset=utf-8", body);
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package org.openikfz.simulator.gebuehren.sn.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.openikfz.simulator.support.AdminHttp;
import org.openikfz.simulator.support.Mode;
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

    private static final Logger LOG = System.getLogger(GebuehrenSnSimulator.class.getName());
    private static final String SIMULATOR = "Gebührenrückstand Sachsen";

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
        this(AdminHttp.dataDir(context), config.host(), config.port(), config.slowDelayMs(), Mode.of(config.mode()));
        LOG.log(Level.INFO, "Simulator Gebührenrückstand Sachsen (XKfz 0102/0103 over SOAP) listening on http://"
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
        server.createContext(ENDPOINT, AdminHttp.guarded(LOG, SIMULATOR, this::service));
        server.createContext("/admin/", AdminHttp.guarded(LOG, SIMULATOR, this::admin));
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

    // --- the SOAP service ---

    private void service(HttpExchange x) throws IOException {
        if (!AdminHttp.postTo(x, ENDPOINT, AdminHttp.error("not found"), AdminHttp.error("POST a SOAP 1.1 envelope"))) {
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
            json(x, 201, json(debtors.put(debtor(form(x)))));
        } else if (path.equals("/admin/mode") && method.equals("GET")) {
            json(x, 200, "{\"mode\":\"" + mode.value() + "\"}");
        } else if (path.equals("/admin/mode") && method.equals("POST")) {
            mode = Mode.of(form(x).get("mode"));
            json(x, 200, "{\"mode\":\"" + mode.value() + "\"}");
        } else if (path.equals("/admin/requests") && method.equals("GET")) {
            json(x, 200, "{\"requests\":" + requests.get() + ",\"answered\":" + answered.get() + ",\"faults\":"
                    + faults.get() + "}");
        } else {
            json(x, 404, AdminHttp.error("not found"));
        }
    }

    private Debtor debtor(Map<String, String> f) {
        String birth = AdminHttp.blankToNull(f.get("dateOfBirth"));
        String kassenzeichen = AdminHttp.blankToNull(f.get("kassenzeichen"));
        String glaeubiger = AdminHttp.blankToNull(f.get("glaeubiger"));
        String due = AdminHttp.blankToNull(f.get("faelligSeit"));
        return new Debtor(f.get("name"), birth == null ? null : LocalDate.parse(birth.strip()),
                AdminHttp.amount(f.get("amount"), null, "amount is not a number, e.g. 87.40"),
                kassenzeichen == null ? debtors.newKassenzeichen(LocalDate.now()) : kassenzeichen,
                glaeubiger == null ? DebtorRegister.DEFAULT_GLAEUBIGER : glaeubiger,
                due == null ? LocalDate.now() : LocalDate.parse(due.strip()));
    }

    private static String json(Debtor d) {
        return "{\"name\":" + AdminHttp.quote(d.name()) + ",\"dateOfBirth\":" + AdminHttp.quoteOrNull(d.dateOfBirth())
                + ",\"amount\":" + d.amount().toPlainString() + ",\"kassenzeichen\":" + AdminHttp.quote(d.kassenzeichen())
                + ",\"glaeubiger\":" + AdminHttp.quote(d.glaeubiger()) + ",\"faelligSeit\":" + AdminHttp.quote(d.faelligSeit().toString()) + "}";
    }

    private static Map<String, String> form(HttpExchange x) throws IOException {
        return AdminHttp.form(AdminHttp.body(x, 16 * 1024, "form too large"));
    }

    private static void soap(HttpExchange x, int status, String body) throws IOException {
        AdminHttp.send(x, status, "text/xml; charset=utf-8", body);
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        AdminHttp.json(x, status, body);
    }
}

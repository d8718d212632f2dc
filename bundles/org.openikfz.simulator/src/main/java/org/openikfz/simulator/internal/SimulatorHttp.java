package org.openikfz.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openikfz.api.connector.EvbConnector;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Iban;
import org.openikfz.api.value.Kennzeichen;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulators' own HTTP server (JDK HttpServer, 127.0.0.1:8090 by default): the ePayment page, the
 * BundID/eID login page and the admin API with which tests and operators create and inspect test
 * records. Answers are JSON; unknown paths are 404, invalid input 422, each with {@code {"error":…}}.
 *
 * <pre>
 * GET  /kba/admin/vehicles                 vehicles of the simulated register (JSON, no codes)
 * POST /kba/admin/vehicles                 form: kennzeichen, fin, zb1, zb2, plaketten (comma-separated: front, rear[, shared part of a Wechselkennzeichen]), holder,
 *                                          street, postalCode, city, holderBirthDate, registered=false,
 *                                          deregisteredOn, verwertungsnachweis, nextHu, authority, firstRegistration;
 *                                          adds or replaces (same plate or FIN); left-out fields keep the values of
 *                                          the vehicle with this FIN, except registered (true), deregisteredOn and
 *                                          verwertungsnachweis (false)
 * POST /kba/admin/mode                     form: mode=normal|slow|unavailable (all KBA services)
 * GET  /kba/admin/transfers                transfers the KBA received (JSON lines)
 * GET  /kba/admin/deliveries               every delivery counted per message id, a repeated one too
 *                                          ([{messageId, application, deliveries}]), ?application=UUID
 * POST /kba/admin/receive                  form: id, application, procedure, internet, payload — a transfer another
 *                                          node's simulators pass on (framework property openikfz.simulator.transfersTo);
 *                                          204, or 503 when the receiver is unavailable
 * GET  /kba/admin/pruefziffer              ?fin=&amp;lastHu=2025-04-10&amp;nextHu=2027-04&amp;organisation=TUEV — the HU report's Prüfziffer
 * GET  /kba/admin/coc                      reference data for first registrations (no codes)
 * POST /kba/admin/coc                      form: fin, zb2, vehicle, registrable=true|false, obstacle
 * GET  /gdv/admin/evb                      eVB confirmations
 * POST /gdv/admin/evb                      form: evb, insurer, insurerNumber, status=VALID|USED|EXPIRED
 * POST /gdv/admin/mode                     form: mode=normal|slow|unavailable
 * GET  /zoll/admin/arrears                 holders with vehicle-tax arrears
 * POST /zoll/admin/arrears                 form: name, dateOfBirth (optional)
 * GET  /zoll/admin/refused-ibans           refused accounts (masked)
 * POST /zoll/admin/refused-ibans           form: iban
 * GET  /zoll/admin/mandates                accepted SEPA mandates (masked IBANs)
 * POST /zoll/admin/mode                    form: mode=normal|slow|unavailable
 * GET  /kennzeichen/admin/reservations     plates reserved or assigned per application
 * GET  /kennzeichen/admin/taken            plates marked taken
 * POST /kennzeichen/admin/taken            form: kennzeichen — mark a plate as taken
 * POST /kennzeichen/admin/mode             form: mode=normal|slow|unavailable
 * GET  /fachverfahren/admin/inbox          what the Fachverfahren received (JSON lines), ?application=UUID
 * GET  /fachverfahren/admin/deliveries     as /kba/admin/deliveries; POST /fachverfahren/admin/receive as /kba/admin/receive
 * GET  /post/admin/letters                 the authority's outgoing post (JSON lines), ?application=UUID
 * GET  /post/admin/deliveries              as /kba/admin/deliveries; POST /post/admin/receive as /kba/admin/receive
 * GET  /mail/admin/messages                the applicants' mailbox (SMTP, {@link MailSimulator}), each mail once per
 *                                          Message-ID, oldest first: [{messageId, from, to, subject, text, receivedAt}],
 *                                          ?to=ADDRESS (case-insensitive); 503 while the mailbox simulator is not running
 * POST /mail/admin/mode                    form: mode=normal|slow|unavailable (unavailable: MAIL FROM answered 451)
 * GET  /epayment/admin/payments            payments (JSON)
 * POST /epayment/admin/payments/ID/pay     pays a payment without the browser
 * GET  /epayment/pay/ID                    the payment page; POST action=pay|cancel
 * GET  /identity/login?state=&amp;return=      the BundID/eID login page; POST person=N
 * POST /identity/admin/codes               form: person=N, state=S — a one-time code for the login started with S, without the browser
 * GET  /identity/admin/persons             who one can log in as, with index
 * POST /identity/admin/persons             form: name, street, postalCode, city, dateOfBirth, organisation=true|false
 * </pre>
 * Every {@code …/admin/mode} also answers GET with the current mode.
 */
@Component(immediate = true, configurationPid = SimulatorHttp.PID)
@Designate(ocd = SimulatorHttp.Config.class)
public final class SimulatorHttp {

    static final String PID = "org.openikfz.simulator.http";
    private static final Logger LOG = Logger.getLogger(SimulatorHttp.class.getName());

    @ObjectClassDefinition(id = PID, name = "Simulators' HTTP server")
    public @interface Config {
        @AttributeDefinition(description = "address to bind to")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "port; 0 picks a free one")
        int port() default 8090;
    }

    /** A handler that may reject its input with an {@link IllegalArgumentException} (answered 422). */
    private interface Handler {
        void handle(HttpExchange x) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> new Thread(r, "openikfz-simulator-http"));
    private final KbaSimulator kba;
    private final FachverfahrenSimulator fachverfahren;
    private final EPaymentSimulator epayment;
    private final IdentitySimulator identity;
    private final GdvSimulator gdv;
    private final ZollSimulator zoll;
    private final KennzeichenSimulator kennzeichen;
    private final PostSimulator post;

    /**
     * The mailbox simulator runs on a port of its own: when it cannot start (its port is taken), the
     * other simulators still answer, and {@code /mail/admin/} says it is not running.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile MailSimulator mail;

    @Activate
    public SimulatorHttp(Config config, @Reference KbaSimulator kba, @Reference FachverfahrenSimulator fachverfahren,
            @Reference EPaymentSimulator epayment, @Reference IdentitySimulator identity, @Reference GdvSimulator gdv,
            @Reference ZollSimulator zoll, @Reference KennzeichenSimulator kennzeichen, @Reference PostSimulator post)
            throws IOException {
        this.identity = identity;
        this.kba = kba;
        this.fachverfahren = fachverfahren;
        this.epayment = epayment;
        this.gdv = gdv;
        this.zoll = zoll;
        this.kennzeichen = kennzeichen;
        this.post = post;
        server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        server.createContext("/kba/admin/", guarded(this::kbaAdmin));
        server.createContext("/gdv/admin/", guarded(this::gdvAdmin));
        server.createContext("/zoll/admin/", guarded(this::zollAdmin));
        server.createContext("/kennzeichen/admin/", guarded(this::kennzeichenAdmin));
        server.createContext("/fachverfahren/admin/", guarded(this::fachverfahrenAdmin));
        server.createContext("/post/admin/", guarded(this::postAdmin));
        server.createContext("/mail/admin/", guarded(this::mailAdmin));
        server.createContext("/epayment/", guarded(this::epayment));
        server.createContext("/identity/", guarded(this::identity));
        server.setExecutor(executor);
        server.start();
        LOG.info("Simulators (KBA register, reference data and HU Prüfziffer; GDV eVB; Zoll; Kennzeichenvergabe; "
                + "Fachverfahren; Post; ePayment; BundID/eID; the mailbox's admin API) listening on http://" + config.host() + ":"
                + server.getAddress().getPort() + "/");
    }

    @Deactivate
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The port the server listens on (the configured one, or the one picked for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    static String baseUrl(Config config) {
        return "http://" + config.host() + ":" + config.port();
    }

    private static com.sun.net.httpserver.HttpHandler guarded(Handler handler) {
        return x -> {
            try {
                handler.handle(x);
            } catch (IllegalArgumentException | DateTimeException e) { // incl. ValueValidationException
                json(x, 422, error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulator admin API: " + x.getRequestURI().getPath() + " failed", e);
                json(x, 500, error("internal error"));
            } finally {
                x.close();
            }
        };
    }

    private static boolean is(HttpExchange x, String method, String path) {
        return x.getRequestMethod().equals(method) && x.getRequestURI().getPath().equals(path);
    }

    // --- KBA ---

    private void kbaAdmin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (is(x, "GET", "/kba/admin/vehicles")) {
            json(x, 200, Json.array(kba.vehicles().stream().map(SimulatorHttp::json).toList()));
        } else if (is(x, "POST", "/kba/admin/vehicles")) {
            Map<String, String> f = form(x);
            Optional<LocalDate> off = date(f, "deregisteredOn");
            boolean registered = bool(f, "registered", off.isEmpty());
            if (registered && off.isPresent()) {
                throw new IllegalArgumentException("a registered vehicle has no deregisteredOn");
            }
            // fields left out keep the values of the vehicle with this FIN (resetting a demo vehicle keeps its holder)
            Vehicle before = kba.vehicleByFin(f.getOrDefault("fin", "")).orElse(new Vehicle("", "", "", "", List.of(), true,
                    new Holder("Test Halter", "Teststraße 1", "09456", "Annaberg-Buchholz", null), null, false, null,
                    Vehicle.DEFAULT_AUTHORITY, null));
            Holder old = before.holder();
            boolean holderGiven = List.of("holder", "street", "postalCode", "city", "holderBirthDate").stream().anyMatch(f::containsKey);
            Holder holder = !holderGiven ? old : new Holder(f.getOrDefault("holder", old.name()),
                    f.getOrDefault("street", old.street()), f.getOrDefault("postalCode", old.postalCode()),
                    f.getOrDefault("city", old.city()), f.containsKey("holderBirthDate")
                            ? date(f, "holderBirthDate").orElse(null) : old.dateOfBirth());
            Vehicle v = kba.put(new Vehicle(f.getOrDefault("kennzeichen", ""), f.getOrDefault("fin", ""),
                    f.getOrDefault("zb1", before.zb1()), f.getOrDefault("zb2", before.zb2()),
                    f.containsKey("plaketten") ? List.of(f.get("plaketten").split(",")) : before.plaketten(), registered,
                    holder, off.orElse(null), bool(f, "verwertungsnachweis", false),
                    f.containsKey("nextHu") ? month(f, "nextHu").orElse(null) : before.nextHu(),
                    f.getOrDefault("authority", before.authority()).strip(),
                    f.containsKey("firstRegistration") ? month(f, "firstRegistration").orElse(null) : before.firstRegistration()));
            json(x, 201, json(v));
        } else if (path.equals("/kba/admin/mode")) {
            mode(x, kba.mode());
        } else if (path.equals("/kba/admin/transfers")) {
            json(x, 200, Json.array(kba.transfers()));
        } else if (is(x, "GET", "/kba/admin/deliveries")) {
            json(x, 200, Json.array(kba.deliveries(query(x).get("application"))));
        } else if (is(x, "POST", "/kba/admin/receive")) {
            receive(x, kba);
        } else if (is(x, "GET", "/kba/admin/pruefziffer")) {
            Map<String, String> q = query(x);
            Fin fin = Fin.of(required(q, "fin"));
            LocalDate lastHu = date(q, "lastHu").orElseThrow(() -> new IllegalArgumentException("lastHu is needed"));
            YearMonth nextHu = month(q, "nextHu").orElseThrow(() -> new IllegalArgumentException("nextHu is needed"));
            // what the HU report prints: computed without the KBA's mode (the testing organisation prints it)
            json(x, 200, "{\"pruefziffer\":" + Json.quote(HuPruefziffer.of(fin, lastHu, nextHu, required(q, "organisation"))) + "}");
        } else if (is(x, "GET", "/kba/admin/coc")) {
            json(x, 200, Json.array(kba.cocRecords().stream().map(SimulatorHttp::json).toList()));
        } else if (is(x, "POST", "/kba/admin/coc")) {
            Map<String, String> f = form(x);
            CocRecord r = kba.putCoc(new CocRecord(required(f, "fin"), required(f, "zb2"), f.getOrDefault("vehicle", ""),
                    bool(f, "registrable", true), f.getOrDefault("obstacle", "")));
            json(x, 201, json(r));
        } else {
            notFound(x);
        }
    }

    private static String json(Vehicle v) {
        return "{\"kennzeichen\":" + Json.quote(v.kennzeichen()) + ",\"fin\":" + Json.quote(v.fin())
                + ",\"registered\":" + v.registered() + ",\"deregisteredOn\":" + Json.quote(v.deregisteredOn())
                + ",\"verwertungsnachweis\":" + v.verwertungsnachweis() + ",\"nextHu\":" + Json.quote(v.nextHu())
                + ",\"authority\":" + Json.quote(v.authority()) + ",\"firstRegistration\":" + Json.quote(v.firstRegistration())
                + ",\"holder\":" + Json.quote(v.holder().name()) + ",\"street\":" + Json.quote(v.holder().street())
                + ",\"postalCode\":" + Json.quote(v.holder().postalCode()) + ",\"city\":" + Json.quote(v.holder().city())
                + ",\"holderBirthDate\":" + Json.quote(v.holder().dateOfBirth()) + "}";
    }

    private static String json(CocRecord r) {
        return "{\"fin\":" + Json.quote(r.fin()) + ",\"vehicle\":" + Json.quote(r.vehicle()) + ",\"registrable\":"
                + r.registrable() + ",\"obstacle\":" + Json.quote(r.obstacle()) + "}";
    }

    // --- GDV ---

    private void gdvAdmin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (is(x, "GET", "/gdv/admin/evb")) {
            json(x, 200, Json.array(gdv.records().stream().map(SimulatorHttp::json).toList()));
        } else if (is(x, "POST", "/gdv/admin/evb")) {
            Map<String, String> f = form(x);
            EvbConnector.Status status;
            try {
                status = EvbConnector.Status.valueOf(f.getOrDefault("status", "VALID").strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status is VALID, USED or EXPIRED");
            }
            GdvSimulator.Record r = gdv.put(new GdvSimulator.Record(required(f, "evb"), f.getOrDefault("insurer", "Muster Versicherung AG"),
                    f.getOrDefault("insurerNumber", "9001"), status));
            json(x, 201, json(r));
        } else if (path.equals("/gdv/admin/mode")) {
            mode(x, gdv.mode());
        } else {
            notFound(x);
        }
    }

    private static String json(GdvSimulator.Record r) {
        return "{\"evb\":" + Json.quote(r.evb()) + ",\"insurer\":" + Json.quote(r.insurer()) + ",\"insurerNumber\":"
                + Json.quote(r.insurerNumber()) + ",\"status\":" + Json.quote(r.status().name()) + "}";
    }

    // --- Zoll ---

    private void zollAdmin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (is(x, "GET", "/zoll/admin/arrears")) {
            json(x, 200, Json.array(zoll.arrears().stream().map(a -> "{\"name\":" + Json.quote(a.name())
                    + ",\"dateOfBirth\":" + Json.quote(a.dateOfBirth()) + "}").toList()));
        } else if (is(x, "POST", "/zoll/admin/arrears")) {
            Map<String, String> f = form(x);
            ZollSimulator.Arrears a = zoll.addArrears(new ZollSimulator.Arrears(required(f, "name"), date(f, "dateOfBirth").orElse(null)));
            json(x, 201, "{\"name\":" + Json.quote(a.name()) + ",\"dateOfBirth\":" + Json.quote(a.dateOfBirth()) + "}");
        } else if (is(x, "GET", "/zoll/admin/refused-ibans")) {
            json(x, 200, Json.array(zoll.refusedIbans().stream().map(r -> "{\"iban\":" + Json.quote(r.masked()) + "}").toList()));
        } else if (is(x, "POST", "/zoll/admin/refused-ibans")) {
            ZollSimulator.RefusedIban r = zoll.refuse(Iban.of(required(form(x), "iban")));
            json(x, 201, "{\"iban\":" + Json.quote(r.masked()) + "}");
        } else if (is(x, "GET", "/zoll/admin/mandates")) {
            json(x, 200, Json.array(zoll.mandates().stream().map(m -> "{\"reference\":" + Json.quote(m.reference())
                    + ",\"iban\":" + Json.quote(m.ibanMasked()) + ",\"accountHolder\":" + Json.quote(m.accountHolder())
                    + ",\"holder\":" + Json.quote(m.holderName()) + ",\"at\":" + Json.quote(m.at()) + "}").toList()));
        } else if (path.equals("/zoll/admin/mode")) {
            mode(x, zoll.mode());
        } else {
            notFound(x);
        }
    }

    // --- Kennzeichenvergabe ---

    private void kennzeichenAdmin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (is(x, "GET", "/kennzeichen/admin/reservations")) {
            json(x, 200, Json.array(kennzeichen.reservations().stream().map(r -> "{\"application\":"
                    + Json.quote(r.application()) + ",\"kennzeichen\":" + Json.quote(r.kennzeichen()) + ",\"authority\":"
                    + Json.quote(r.authority()) + ",\"kind\":" + Json.quote(r.assigned() ? "assigned" : "reserved")
                    + ",\"at\":" + Json.quote(r.at()) + "}").toList()));
        } else if (is(x, "GET", "/kennzeichen/admin/taken")) {
            json(x, 200, Json.array(kennzeichen.taken().stream().map(Json::quote).toList()));
        } else if (is(x, "POST", "/kennzeichen/admin/taken")) {
            String plate = kennzeichen.markTaken(Kennzeichen.of(required(form(x), "kennzeichen")));
            json(x, 201, "{\"kennzeichen\":" + Json.quote(plate) + "}");
        } else if (path.equals("/kennzeichen/admin/mode")) {
            mode(x, kennzeichen.mode());
        } else {
            notFound(x);
        }
    }

    // --- inboxes ---

    private void fachverfahrenAdmin(HttpExchange x) throws IOException {
        if (is(x, "GET", "/fachverfahren/admin/inbox")) {
            json(x, 200, Json.array(fachverfahren.inbox(query(x).get("application"))));
        } else if (is(x, "GET", "/fachverfahren/admin/deliveries")) {
            json(x, 200, Json.array(fachverfahren.deliveries(query(x).get("application"))));
        } else if (is(x, "POST", "/fachverfahren/admin/receive")) {
            receive(x, fachverfahren);
        } else {
            notFound(x);
        }
    }

    private void postAdmin(HttpExchange x) throws IOException {
        if (is(x, "GET", "/post/admin/letters")) {
            json(x, 200, Json.array(post.letters(query(x).get("application"))));
        } else if (is(x, "GET", "/post/admin/deliveries")) {
            json(x, 200, Json.array(post.deliveries(query(x).get("application"))));
        } else if (is(x, "POST", "/post/admin/receive")) {
            receive(x, post);
        } else {
            notFound(x);
        }
    }

    private void mailAdmin(HttpExchange x) throws IOException {
        MailSimulator mailbox = mail;
        if (mailbox == null) {
            json(x, 503, error("the mailbox simulator is not running"));
        } else if (is(x, "GET", "/mail/admin/messages")) {
            json(x, 200, Json.array(mailbox.messages(query(x).get("to"))));
        } else if (x.getRequestURI().getPath().equals("/mail/admin/mode")) {
            mode(x, mailbox.mode());
        } else {
            notFound(x);
        }
    }

    /**
     * A transfer another node's simulators pass on ({@link TransferForwarding}): delivered to this
     * receiver as if sent to it directly; 204 when it acknowledged it, 503 when it is unavailable.
     */
    private static void receive(HttpExchange x, org.openikfz.api.connector.TransferTarget receiver) throws IOException {
        Map<String, String> f = form(x);
        long id;
        java.util.UUID application;
        try {
            id = Long.parseLong(required(f, "id"));
            application = java.util.UUID.fromString(required(f, "application"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id is a number");
        }
        try {
            receiver.deliver(new org.openikfz.api.connector.TransferMessage(id, application, required(f, "procedure"),
                    bool(f, "internet", true), required(f, "payload")));
        } catch (org.openikfz.api.connector.ConnectorUnavailableException e) {
            json(x, 503, error(e.getMessage()));
            return;
        }
        x.sendResponseHeaders(204, -1);
    }

    private static void mode(HttpExchange x, Mode mode) throws IOException {
        if (x.getRequestMethod().equals("POST")) {
            mode.set(form(x).getOrDefault("mode", ""));
        }
        json(x, 200, "{\"mode\":" + Json.quote(mode.get()) + "}");
    }

    // --- ePayment ---

    private void epayment(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.equals("/epayment/admin/payments")) {
            json(x, 200, "[" + String.join(",", epayment.payments().stream().map(p -> "{\"id\":\"" + p.id()
                    + "\",\"amount\":" + p.amount() + ",\"status\":\"" + p.status() + "\"}").toList()) + "]");
        } else if (path.startsWith("/epayment/admin/payments/") && path.endsWith("/pay") && x.getRequestMethod().equals("POST")) {
            String id = path.substring("/epayment/admin/payments/".length(), path.length() - "/pay".length());
            Optional<EPaymentSimulator.Payment> p = epayment.complete(id, true);
            json(x, p.isPresent() ? 200 : 404, p.map(v -> "{\"id\":\"" + v.id() + "\",\"status\":\"" + v.status() + "\"}")
                    .orElse("{\"error\":\"no such payment\"}"));
        } else if (path.startsWith("/epayment/pay/")) {
            String id = path.substring("/epayment/pay/".length());
            Optional<EPaymentSimulator.Payment> payment = epayment.payment(id);
            if (payment.isEmpty()) {
                html(x, 404, page("Zahlung nicht gefunden", "<p>Diese Zahlung gibt es nicht.</p>"));
            } else if (x.getRequestMethod().equals("POST")) {
                boolean pay = "pay".equals(form(x).get("action"));
                EPaymentSimulator.Payment done = epayment.complete(id, pay).orElseThrow();
                URI back = done.returnTo();
                String sep = back.getQuery() == null ? "?" : "&";
                x.getResponseHeaders().add("Location", back + sep + "payment=" + id + "&status=" + done.status());
                x.sendResponseHeaders(303, -1);
                x.close();
            } else {
                String amount = NumberFormat.getCurrencyInstance(Locale.GERMANY).format(payment.get().amount());
                html(x, 200, page("Gebühren bezahlen", "<p>Zu zahlen: <strong>" + amount + "</strong></p>"
                        + "<form method=\"post\"><button name=\"action\" value=\"pay\" type=\"submit\">Jetzt bezahlen</button> "
                        + "<button name=\"action\" value=\"cancel\" type=\"submit\">Abbrechen</button></form>"));
            }
        } else {
            notFound(x);
        }
    }

    // --- BundID/eID ---

    private void identity(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (is(x, "POST", "/identity/admin/codes")) {
            Map<String, String> f = form(x);
            Optional<String> code = identity.login(parseInt(f.get("person")), f.getOrDefault("state", ""));
            json(x, code.isPresent() ? 201 : 422, code.map(c -> "{\"code\":" + Json.quote(c) + "}").orElse(error("no such person")));
        } else if (is(x, "GET", "/identity/admin/persons")) {
            List<IdentitySimulator.Person> persons = identity.persons();
            json(x, 200, Json.array(java.util.stream.IntStream.range(0, persons.size())
                    .mapToObj(i -> json(i, persons.get(i))).toList()));
        } else if (is(x, "POST", "/identity/admin/persons")) {
            Map<String, String> f = form(x);
            boolean organisation = bool(f, "organisation", false);
            IdentitySimulator.Person person = new IdentitySimulator.Person(new Holder(required(f, "name").strip(),
                    f.getOrDefault("street", "").strip(), f.getOrDefault("postalCode", "").strip(),
                    f.getOrDefault("city", "").strip(), date(f, "dateOfBirth").orElse(null)), organisation);
            int index = identity.add(person);
            json(x, 201, json(index, person));
        } else if (path.equals("/identity/login")) {
            Map<String, String> q = query(x);
            String back = q.getOrDefault("return", "");
            if (!back.startsWith("http://") && !back.startsWith("https://")) {
                html(x, 400, identityPage("Anmeldung nicht möglich", "<p>Die Rücksprungadresse fehlt.</p>"));
                return;
            }
            if (x.getRequestMethod().equals("POST")) {
                Optional<String> code = identity.login(parseInt(form(x).get("person")), q.getOrDefault("state", ""));
                if (code.isEmpty()) {
                    html(x, 422, identityPage("Bitte wählen Sie eine Person", "<p>Bitte wählen Sie eine Person aus.</p>"));
                    return;
                }
                String sep = back.contains("?") ? "&" : "?";
                x.getResponseHeaders().add("Location", back + sep + "code=" + code.get() + "&state="
                        + java.net.URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8));
                x.sendResponseHeaders(303, -1);
                x.close();
                return;
            }
            List<IdentitySimulator.Person> persons = identity.persons();
            StringBuilder form = new StringBuilder("<p>Natürliche Personen weisen sich mit dem Online-Ausweis aus, "
                    + "Organisationen mit ihrem Organisationskonto (ELSTER).</p>"
                    + "<form method=\"post\"><fieldset><legend>Als wer möchten Sie sich ausweisen?</legend>");
            for (int i = 0; i < persons.size(); i++) {
                IdentitySimulator.Person p = persons.get(i);
                form.append("<p><input type=\"radio\" name=\"person\" id=\"p").append(i).append("\" value=\"").append(i)
                        .append(i == 0 ? "\" checked>" : "\">").append("<label for=\"p").append(i).append("\">")
                        .append(html(p.holder().name()))
                        .append(p.organisation() ? " (Organisationskonto, ELSTER)" : "").append("</label></p>");
            }
            form.append("</fieldset><button type=\"submit\">Anmelden</button></form>");
            html(x, 200, identityPage("Mit dem Online-Ausweis oder Organisationskonto anmelden", form.toString()));
        } else {
            notFound(x);
        }
    }

    private static String json(int index, IdentitySimulator.Person p) {
        Holder h = p.holder();
        return "{\"person\":" + index + ",\"name\":" + Json.quote(h.name()) + ",\"street\":" + Json.quote(h.street())
                + ",\"postalCode\":" + Json.quote(h.postalCode()) + ",\"city\":" + Json.quote(h.city())
                + ",\"dateOfBirth\":" + Json.quote(h.dateOfBirth()) + ",\"organisation\":" + p.organisation() + "}";
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String identityPage(String title, String body) {
        return page(title, body).replace("ePayment-Simulator (Testumgebung, es fließt kein Geld)",
                "BundID/eID-Simulator (Testumgebung, keine echte Identifizierung)").replace("– ePayment-Simulator", "– BundID/eID-Simulator");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + " – ePayment-Simulator</title>"
                + "<style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
                + "button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem 0}</style></head><body>"
                + "<p><em>ePayment-Simulator (Testumgebung, es fließt kein Geld)</em></p><h1>" + title + "</h1>" + body
                + "</body></html>";
    }

    /** Text for HTML: names added over the admin API may contain anything. */
    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // --- form fields ---

    private static String required(Map<String, String> f, String name) {
        String value = f.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is needed");
        }
        return value;
    }

    private static Optional<LocalDate> date(Map<String, String> f, String name) {
        String value = f.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " is a date like 2024-03-15");
        }
    }

    private static Optional<YearMonth> month(Map<String, String> f, String name) {
        String value = f.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(value.strip()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(name + " is a month like 2027-04");
        }
    }

    private static boolean bool(Map<String, String> f, String name, boolean absent) {
        String value = f.get(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " is true or false");
        };
    }

    private static Map<String, String> form(HttpExchange x) throws IOException {
        return parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(HttpExchange x) {
        String q = x.getRequestURI().getRawQuery();
        return q == null ? Map.of() : parse(q);
    }

    private static Map<String, String> parse(String encoded) {
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

    // --- answers ---

    private static String error(String message) {
        return "{\"error\":" + Json.quote(message == null ? "invalid input" : message) + "}";
    }

    private static void notFound(HttpExchange x) throws IOException {
        json(x, 404, error("not found"));
    }

    private static void json(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "application/json; charset=utf-8", body);
    }

    private static void html(HttpExchange x, int status, String body) throws IOException {
        send(x, status, "text/html; charset=utf-8", body);
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}

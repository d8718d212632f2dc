package org.openikfz.simulator.gebuehren.by.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.openikfz.simulator.support.AdminHttp;
import org.openikfz.simulator.support.Debtor;
import org.openikfz.simulator.support.Mode;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulated fee-arrears service of the Land Bayern: a REST/JSON API behind OAuth 2.0
 * client-credentials tokens, optionally over HTTPS with mutual TLS (127.0.0.1:8091 by default).
 *
 * <pre>
 * POST /oauth2/token                          RFC 6749 § 4.4: grant_type=client_credentials, client authenticated by
 *                                             HTTP Basic; 200 {"access_token","token_type":"Bearer","expires_in"},
 *                                             401 {"error":"invalid_client"}, 400 {"error":"unsupported_grant_type"}
 * POST /api/v1/gebuehrenrueckstaende/abfragen Authorization: Bearer; body {"anfrageId","behoerde","person":{"name",
 *                                             "geburtsdatum","strasse","plz","ort","organisation"}};
 *                                             200 {"anfrageId","ergebnis":"KEIN_RUECKSTAND"|"RUECKSTAND","rueckstaende":[{"betrag",
 *                                             "kassenzeichen","glaeubiger","faelligSeit"}],"zahlungshinweis"},
 *                                             400 {"error"} (invalid body), 401 {"error":"invalid_token"}, 503 (mode unavailable)
 * GET  /admin/debtors                         the debtors (JSON)
 * POST /admin/debtors                         form: name, dateOfBirth, amount, kassenzeichen, glaeubiger, faelligSeit;
 *                                             adds, or replaces the entry with the same Kassenzeichen
 * GET  /admin/mode, POST /admin/mode          form: mode=normal|slow|unavailable|malformed
 * GET  /admin/requests                        counters: queries answered, tokens issued, refusals (no personal data)
 * POST /admin/tokens/revoke                   revokes every token issued so far
 * </pre>
 * A person is a debtor when the name matches (case-insensitive, whitespace collapsed) and, when both
 * have one, the date of birth. Debtors are kept in {@code ${openikfz.home}/data/simulator/gebuehren-by-debtors.tsv}.
 * Nothing of a query (names, dates of birth, addresses) is logged.
 */
@Component(immediate = true, configurationPid = GebuehrenBySimulator.PID)
@Designate(ocd = GebuehrenBySimulator.Config.class)
public final class GebuehrenBySimulator {

    static final String PID = "org.openikfz.simulator.gebuehren.by";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String API_PATH = "/api/v1/gebuehrenrueckstaende/abfragen";
    private static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = System.getLogger(GebuehrenBySimulator.class.getName());

    @ObjectClassDefinition(id = PID, name = "Simulator: Gebührenrückstand Bayern (REST, OAuth2)",
            description = "The Land Bayern's fee-arrears service as a simulator, for the embedded default and tests. "
                    + "The client credentials are the simulator's demo credentials only.")
    // secrets are configured as .clientSecret, .keyStorePassword, .trustStorePassword: DS copies
    // configuration properties into the service registration, except those starting with a dot
    public @interface Config {
        @AttributeDefinition(description = "address to bind to")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "port; 0 picks a free one")
        int port() default 8091;

        @AttributeDefinition(description = "the client id the token endpoint accepts")
        String clientId() default "openikfz-portal";

        @AttributeDefinition(type = AttributeType.PASSWORD,
                description = "the client secret the token endpoint accepts (demo credentials of the simulator only)")
        String _clientSecret() default "simulator-secret";

        @AttributeDefinition(description = "lifetime of an access token in seconds")
        int tokenLifetimeSeconds() default 300;

        @AttributeDefinition(description = "delay of an answer in mode slow, in milliseconds")
        long slowDelayMs() default 8000;

        @AttributeDefinition(required = false,
                description = "PKCS#12 file with the server certificate and key; set: HTTPS, empty: plain HTTP")
        String keyStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "password of the keyStore")
        String _keyStorePassword() default "";

        @AttributeDefinition(required = false,
                description = "PKCS#12 file with the CA certificates whose client certificates are accepted (mutual TLS)")
        String trustStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "password of the trustStore")
        String _trustStorePassword() default "";

        @AttributeDefinition(description = "HTTPS only: require a client certificate from the trustStore's CAs (mutual TLS)")
        boolean needClientAuth() default false;
    }

    /** An invalid request body: answered 400 with the message as error (it never contains input values). */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** What a query asks about. */
    private record Query(UUID anfrageId, String name, LocalDate dateOfBirth) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final DebtorRegister register;
    private final TokenStore tokens;
    private final Clock clock;
    private final long slowDelayMs;
    private final boolean https;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8,
            r -> new Thread(r, "openikfz-simulator-gebuehren-by"));
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final AtomicLong clientsRefused = new AtomicLong();
    private final AtomicLong tokensRejected = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private volatile Mode mode = Mode.NORMAL;

    @Activate
    public GebuehrenBySimulator(Config config, BundleContext context) throws IOException, GeneralSecurityException {
        this(config, AdminHttp.dataDir(context));
    }

    /**
     * A simulator keeping its records in {@code dir} (for tests and embedding; the OSGi component uses
     * {@code ${openikfz.home}/data/simulator}). It listens once constructed; {@link #stop()} ends it.
     */
    public GebuehrenBySimulator(Config config, Path dir) throws IOException, GeneralSecurityException {
        this(config, dir, Clock.system(ZoneId.of("Europe/Berlin")));
    }

    GebuehrenBySimulator(Config config, Path dir, Clock clock) throws IOException, GeneralSecurityException {
        this.clock = clock;
        this.register = new DebtorRegister(dir);
        this.tokens = new TokenStore(config.clientId(), config._clientSecret(),
                Duration.ofSeconds(config.tokenLifetimeSeconds()), clock);
        this.slowDelayMs = Math.max(0, config.slowDelayMs());
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        this.https = !config.keyStore().isBlank();
        if (https) {
            HttpsServer secure = HttpsServer.create(address, 0);
            SSLContext context = sslContext(config);
            boolean needClientAuth = config.needClientAuth();
            secure.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                    parameters.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(parameters);
                }
            });
            server = secure;
        } else {
            if (config.needClientAuth()) {
                throw new IllegalArgumentException("needClientAuth needs HTTPS: configure the keyStore");
            }
            server = HttpServer.create(address, 0);
        }
        server.createContext(TOKEN_PATH, guarded(this::token));
        server.createContext(API_PATH, guarded(this::query));
        server.createContext("/admin/", guarded(this::admin));
        server.createContext("/", guarded(x -> send(x, 404, error("not_found"))));
        server.setExecutor(executor);
        server.start();
        LOG.log(Level.INFO, "Simulator Gebührenrückstand Bayern (REST, OAuth2" + (https ? ", HTTPS" : "")
                + (config.needClientAuth() ? ", mutual TLS" : "") + ") listening on " + baseUrl());
    }

    @Deactivate
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The port the server listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port} or {@code https://host:port}. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        return (https ? "https" : "http") + "://" + a.getHostString() + ":" + a.getPort();
    }

    Mode mode() {
        return mode;
    }

    /** Sets the mode named exactly ({@code normal}, {@code slow}, …); anything else is refused. */
    void mode(String newMode) {
        this.mode = Mode.exactly(newMode);
    }

    DebtorRegister register() {
        return register;
    }

    private static SSLContext sslContext(Config config) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(config.keyStore(), config._keyStorePassword()), chars(config._keyStorePassword()));
        TrustManagerFactory trust = null;
        if (!config.trustStore().isBlank()) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(config.trustStore(), config._trustStorePassword()));
        } else if (config.needClientAuth()) {
            throw new IllegalArgumentException("needClientAuth needs a trustStore with the CA of the client certificates");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, chars(password));
        } catch (IOException e) {
            throw new IOException("cannot load " + file + " as PKCS#12 (missing, or wrong password?)");
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    private static com.sun.net.httpserver.HttpHandler guarded(AdminHttp.Handler handler) {
        return AdminHttp.guarded(LOG, "Gebührenrückstand Bayern", GebuehrenBySimulator::error, handler);
    }

    // --- the token endpoint ---

    private void token(HttpExchange x) throws IOException {
        if (!AdminHttp.postTo(x, TOKEN_PATH, error("not_found"), error("method_not_allowed")) || !awaitMode(x)) {
            return;
        }
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("Pragma", "no-cache");
        String[] client = basic(x.getRequestHeaders().getFirst("Authorization"));
        if (client == null || !tokens.authenticates(client[0], client[1])) {
            clientsRefused.incrementAndGet();
            x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"gebuehren-by\"");
            send(x, 401, error("invalid_client"));
            return;
        }
        Map<String, String> form = AdminHttp.form(body(x));
        String grant = form.get("grant_type");
        if (grant == null) {
            send(x, 400, error("invalid_request"));
            return;
        }
        if (!grant.equals("client_credentials")) {
            send(x, 400, error("unsupported_grant_type"));
            return;
        }
        TokenStore.Issued issued = tokens.issue();
        tokensIssued.incrementAndGet();
        ObjectNode answer = json.createObjectNode();
        answer.put("access_token", issued.accessToken());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", issued.expiresIn());
        if (form.containsKey("scope")) {
            answer.put("scope", form.get("scope"));
        }
        send(x, 200, json.writeValueAsString(answer));
    }

    /** The client id and secret of an HTTP Basic header (form-encoded, RFC 6749 § 2.3.1), or {@code null}. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // --- the arrears API ---

    private void query(HttpExchange x) throws IOException {
        if (!AdminHttp.postTo(x, API_PATH, error("not_found"), error("method_not_allowed")) || !awaitMode(x)) {
            return;
        }
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        if (!tokens.valid(token)) {
            tokensRejected.incrementAndGet();
            x.getResponseHeaders().set("WWW-Authenticate", token == null ? "Bearer realm=\"gebuehren-by\""
                    : "Bearer realm=\"gebuehren-by\", error=\"invalid_token\"");
            send(x, 401, error(token == null ? "invalid_request" : "invalid_token"));
            return;
        }
        Query query;
        try {
            query = read(body(x));
        } catch (BadRequest e) {
            badRequests.incrementAndGet();
            send(x, 400, error(e.getMessage()));
            return;
        }
        queries.incrementAndGet();
        String answer = json.writeValueAsString(answer(query));
        if (mode == Mode.MALFORMED) {
            answer = answer.substring(0, answer.length() / 2); // cut off mid-answer: no valid JSON
        }
        send(x, 200, answer);
    }

    /** Waits in mode slow; answers 503 in mode unavailable (returns false then). */
    private boolean awaitMode(HttpExchange x) throws IOException {
        switch (mode) {
            case UNAVAILABLE -> {
                x.getResponseHeaders().set("Retry-After", "30");
                send(x, 503, error("temporarily_unavailable"));
                return false;
            }
            case SLOW -> {
                try {
                    Thread.sleep(slowDelayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    send(x, 503, error("temporarily_unavailable"));
                    return false;
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private Query read(String body) throws BadRequest {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is no JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("the body is no JSON object");
        }
        UUID anfrageId;
        try {
            anfrageId = UUID.fromString(text(root, "anfrageId"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("anfrageId is not a UUID");
        }
        String behoerde = text(root, "behoerde");
        if (behoerde.isBlank()) {
            throw new BadRequest("behoerde is blank");
        }
        JsonNode person = root.get("person");
        if (person == null || !person.isObject()) {
            throw new BadRequest("person is missing");
        }
        String name = text(person, "name");
        if (name.isBlank()) {
            throw new BadRequest("person.name is blank");
        }
        LocalDate dateOfBirth = null;
        JsonNode dob = person.get("geburtsdatum");
        if (dob != null && !dob.isNull()) {
            try {
                dateOfBirth = LocalDate.parse(dob.isTextual() ? dob.asText() : "");
            } catch (DateTimeException e) {
                throw new BadRequest("person.geburtsdatum is not an ISO date (yyyy-mm-dd)");
            }
        }
        for (String field : List.of("strasse", "plz", "ort")) {
            JsonNode node = person.get(field);
            if (node != null && !node.isNull() && !node.isTextual()) {
                throw new BadRequest("person." + field + " is not a string");
            }
        }
        JsonNode organisation = person.get("organisation");
        if (organisation != null && !organisation.isNull() && !organisation.isBoolean()) {
            throw new BadRequest("person.organisation is not a boolean");
        }
        if (organisation != null && organisation.asBoolean() && dateOfBirth != null) {
            throw new BadRequest("an organisation has no geburtsdatum");
        }
        return new Query(anfrageId, name, dateOfBirth);
    }

    private static String text(JsonNode node, String field) throws BadRequest {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequest(field + " is missing");
        }
        if (!value.isTextual()) {
            throw new BadRequest(field + " is not a string");
        }
        return value.asText();
    }

    private ObjectNode answer(Query query) {
        List<Debtor> found = register.find(query.name(), query.dateOfBirth());
        ObjectNode answer = json.createObjectNode();
        answer.put("anfrageId", query.anfrageId().toString());
        answer.put("ergebnis", found.isEmpty() ? "KEIN_RUECKSTAND" : "RUECKSTAND");
        ArrayNode list = answer.putArray("rueckstaende");
        for (Debtor d : found) {
            ObjectNode item = list.addObject();
            item.put("betrag", d.amount().toPlainString());
            item.put("kassenzeichen", d.kassenzeichen());
            item.put("glaeubiger", d.glaeubiger());
            item.put("faelligSeit", d.faelligSeit().toString());
        }
        if (!found.isEmpty()) {
            answer.put("zahlungshinweis", zahlungshinweis(found));
        }
        return answer;
    }

    /** How to pay, in German, as the Land's service words it. */
    static String zahlungshinweis(List<Debtor> found) {
        StringBuilder text = new StringBuilder("Es sind offene Gebühren aus früheren Zulassungsvorgängen verzeichnet: ");
        for (int i = 0; i < found.size(); i++) {
            Debtor d = found.get(i);
            text.append(i == 0 ? "" : "; ").append(euro(d.amount())).append(" an ").append(d.glaeubiger())
                    .append(", Kassenzeichen ").append(d.kassenzeichen());
        }
        return text.append(". Bitte überweisen Sie den Betrag unter Angabe des Kassenzeichens; die Bankverbindung "
                + "steht auf dem Gebührenbescheid. Nach Eingang der Zahlung können Sie den Antrag erneut stellen.")
                .toString();
    }

    private static String euro(BigDecimal amount) {
        return amount.setScale(2).toPlainString().replace('.', ',') + " €";
    }

    // --- admin API ---

    private void admin(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (path.equals("/admin/debtors") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            register.all().forEach(d -> list.add(json(d)));
            send(x, 200, json.writeValueAsString(list));
        } else if (path.equals("/admin/debtors") && method.equals("POST")) {
            Map<String, String> f = AdminHttp.form(body(x));
            LocalDate today = LocalDate.now(clock);
            BigDecimal value = AdminHttp.amount(f.get("amount"), null, "amount is a number like 45.60");
            String kassenzeichen = AdminHttp.blankToNull(f.get("kassenzeichen"));
            String glaeubiger = AdminHttp.blankToNull(f.get("glaeubiger"));
            LocalDate born = AdminHttp.date(f, "dateOfBirth");
            LocalDate due = AdminHttp.date(f, "faelligSeit");
            Debtor debtor = register.put(DebtorRegister.debtor(f.get("name"), born, value,
                    kassenzeichen == null ? register.newKassenzeichen(today) : kassenzeichen,
                    glaeubiger == null ? DebtorRegister.DEFAULT_GLAEUBIGER : glaeubiger, due == null ? today : due));
            send(x, 201, json.writeValueAsString(json(debtor)));
        } else if (path.equals("/admin/mode") && method.equals("GET")) {
            send(x, 200, json.writeValueAsString(Map.of("mode", mode.value())));
        } else if (path.equals("/admin/mode") && method.equals("POST")) {
            mode(AdminHttp.form(body(x)).get("mode"));
            send(x, 200, json.writeValueAsString(Map.of("mode", mode.value())));
        } else if (path.equals("/admin/requests") && method.equals("GET")) {
            ObjectNode counters = json.createObjectNode();
            counters.put("queries", queries.get());
            counters.put("tokensIssued", tokensIssued.get());
            counters.put("clientsRefused", clientsRefused.get());
            counters.put("tokensRejected", tokensRejected.get());
            counters.put("badRequests", badRequests.get());
            send(x, 200, json.writeValueAsString(counters));
        } else if (path.equals("/admin/tokens/revoke") && method.equals("POST")) {
            send(x, 200, json.writeValueAsString(Map.of("revoked", tokens.revokeAll())));
        } else {
            send(x, 404, error("not_found"));
        }
    }

    private ObjectNode json(Debtor d) {
        ObjectNode node = json.createObjectNode();
        node.put("name", d.name());
        node.put("dateOfBirth", d.dateOfBirth() == null ? null : d.dateOfBirth().toString());
        node.put("amount", d.amount().toPlainString());
        node.put("kassenzeichen", d.kassenzeichen());
        node.put("glaeubiger", d.glaeubiger());
        node.put("faelligSeit", d.faelligSeit().toString());
        return node;
    }

    // --- HTTP helpers ---

    private static String body(HttpExchange x) throws IOException {
        return AdminHttp.body(x, MAX_BODY, "the body is larger than 64 KiB");
    }

    /** The error answers of this service (also OAuth2's): control characters become spaces. */
    private static String error(String message) {
        String text = message == null ? "invalid input" : message.replaceAll("\\p{Cntrl}", " ");
        return "{\"error\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        AdminHttp.json(x, status, body);
    }
}

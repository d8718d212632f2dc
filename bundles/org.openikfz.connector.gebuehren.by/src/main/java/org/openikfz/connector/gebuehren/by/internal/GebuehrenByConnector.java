package org.openikfz.connector.gebuehren.by.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;
import org.openikfz.connector.support.OAuth2ClientCredentials;
import org.openikfz.connector.support.Resilience;
import org.openikfz.connector.support.TlsSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Land Bayern's fee-arrears check (§ 6a(8) StVG, FZV Anlage 11 Nr. 8) over its REST/JSON API:
 * an OAuth 2.0 client-credentials token (RFC 6749 § 4.4, client authenticated by HTTP Basic), then
 * {@code POST …/gebuehrenrueckstaende/abfragen} with {@code Authorization: Bearer}, optionally over
 * mutual TLS. The token is kept and reused until shortly before it expires; when the API answers 401
 * (token expired or revoked, e.g. the service restarted) it is fetched anew and the query is sent once
 * more. Every call is bounded by {@link Resilience} (timeout per attempt, retries, circuit breaker).
 *
 * <p>{@code anfrageId} is the application's id, so the Land's log can be matched with the portal's;
 * the answer must echo it. {@code KEIN_RUECKSTAND} → clear, {@code RUECKSTAND} → found with the Land's
 * German payment note, an English one, the sum and the Kassenzeichen; HTTP 5xx, timeouts and refused
 * credentials → {@link ConnectorUnavailableException} (the clerks decide); an answer not in the agreed
 * form → {@link org.openikfz.connector.support.MalformedAnswerException}. Neither the client secret, the
 * key store passwords, a token nor the holder's data ever appear in an error text or log.
 */
@Component(configurationPid = GebuehrenByConnector.PID,
        property = {ArrearsConnector.KIND + "=gebuehren", ArrearsConnector.LAND + "=BY"})
@Designate(ocd = GebuehrenByConnector.Config.class)
public final class GebuehrenByConnector implements ArrearsConnector {

    static final String PID = "org.openikfz.connector.gebuehren.by";
    static final String NAME = "Gebührenrückstand Bayern (REST, OAuth2)";
    private static final Logger LOG = Logger.getLogger(GebuehrenByConnector.class.getName());

    @ObjectClassDefinition(id = PID, name = "Connector: Gebührenrückstand Bayern (REST, OAuth2)",
            description = "Asks the Land Bayern's fee-arrears service. The defaults reach the simulator on 127.0.0.1:8091.")
    // secrets are configured as .clientSecret, .keyStorePassword, .trustStorePassword: DS copies
    // configuration properties into the service registration, except those starting with a dot
    public @interface Config {
        @AttributeDefinition(description = "URL of the arrears query (POST, JSON)")
        String endpoint() default "http://127.0.0.1:8091/api/v1/gebuehrenrueckstaende/abfragen";

        @AttributeDefinition(description = "URL of the OAuth 2.0 token endpoint (client credentials grant)")
        String tokenEndpoint() default "http://127.0.0.1:8091/oauth2/token";

        @AttributeDefinition(description = "OAuth 2.0 client id of the portal")
        String clientId() default "openikfz-portal";

        @AttributeDefinition(type = AttributeType.PASSWORD,
                description = "OAuth 2.0 client secret (the default is the simulator's demo secret)")
        String _clientSecret() default "simulator-secret";

        @AttributeDefinition(required = false, description = "OAuth 2.0 scope to ask for; empty: none")
        String scope() default "";

        @AttributeDefinition(required = false,
                description = "PKCS#12 file with the portal's client certificate and key for mutual TLS; empty: none")
        String keyStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "password of the keyStore")
        String _keyStorePassword() default "";

        @AttributeDefinition(required = false,
                description = "PKCS#12 file with the CA certificates to trust for the service; empty: the JDK's")
        String trustStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "password of the trustStore")
        String _trustStorePassword() default "";

        @AttributeDefinition(description = "timeout per attempt in milliseconds (token and query)")
        long timeoutMs() default 5000;

        @AttributeDefinition(description = "retries after a failed attempt (0 to 5)")
        int retries() default 2;

        @AttributeDefinition(description = "pause before the first retry in milliseconds; doubles per retry")
        long backoffMs() default 200;

        @AttributeDefinition(description = "failed attempts in a row that open the circuit")
        int failureThreshold() default 5;

        @AttributeDefinition(description = "how long an open circuit refuses calls, in milliseconds")
        long openForMs() default 30000;
    }

    private final ObjectMapper json = new ObjectMapper();
    private final AnswerReader reader = new AnswerReader(json);
    private final Resilience resilience;
    private final Duration timeout;
    private final URI endpoint;
    private final HttpClient http;
    private final OAuth2ClientCredentials tokens;
    private final String configError;

    @Activate
    public GebuehrenByConnector(Config config) {
        List<String> secrets = List.of(config._clientSecret(), config._keyStorePassword(), config._trustStorePassword());
        String error = null;
        Resilience.Settings settings;
        try {
            settings = Resilience.Settings.ofMillis(config.timeoutMs(), config.retries(), config.backoffMs(),
                    config.failureThreshold(), config.openForMs());
        } catch (IllegalArgumentException e) {
            settings = Resilience.Settings.defaults();
            error = "invalid settings: " + e.getMessage();
        }
        this.timeout = settings.timeout();
        this.resilience = new Resilience(NAME, shown(config.endpoint()), settings, secrets);
        URI api = null;
        HttpClient client = null;
        OAuth2ClientCredentials credentials = null;
        if (error == null) {
            try {
                api = uri(config.endpoint(), "endpoint");
                URI token = uri(config.tokenEndpoint(), "tokenEndpoint");
                if (config.clientId().isBlank()) {
                    throw new IllegalArgumentException("clientId is empty");
                }
                TlsSettings tls = new TlsSettings(config.keyStore(), config._keyStorePassword(), config.trustStore(),
                        config._trustStorePassword());
                client = tls.httpClient(timeout);
                credentials = new OAuth2ClientCredentials(client, token, config.clientId(), config._clientSecret(),
                        config.scope(), timeout, Clock.systemUTC());
                if (token.getScheme().equals("http") && !loopback(token)) {
                    LOG.warning(NAME + ": the token endpoint " + shown(config.tokenEndpoint())
                            + " is plain HTTP: the client secret travels unencrypted; use HTTPS");
                }
            } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (client != null) {
                    client.shutdownNow();
                    client = null;
                }
            }
        }
        this.endpoint = api;
        this.http = client;
        this.tokens = credentials;
        this.configError = error == null ? null : resilience.redact("configuration: " + error);
        if (configError != null) {
            LOG.warning(NAME + ": " + configError);
        }
    }

    /** Ends the HTTP client: a call in flight fails (the case goes to the clerks), nothing is left running. */
    @Deactivate
    void close() {
        if (http != null) {
            http.shutdownNow();
        }
    }

    @Override
    public ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException {
        if (query.land() != Land.BY) {
            throw new ConnectorUnavailableException(NAME + ": asked for Land " + query.land() + ", answers for BY only");
        }
        if (configError != null) {
            throw new ConnectorUnavailableException(NAME + ": " + configError);
        }
        String body = body(query);
        UUID anfrageId = query.application();
        return resilience.call(() -> attempt(anfrageId, body));
    }

    private ArrearsAnswer attempt(UUID anfrageId, String body) throws Exception {
        HttpResponse<String> response = send(body, tokens.token());
        if (response.statusCode() == 401) {
            // the token expired early or was revoked (e.g. the service restarted): once more with a fresh one
            tokens.invalidate();
            response = send(body, tokens.token());
            if (response.statusCode() == 401) {
                tokens.invalidate();
                throw new ConnectorUnavailableException("the service refused a freshly issued access token (HTTP 401)");
            }
        }
        return reader.read(anfrageId, response.statusCode(), response.body());
    }

    private HttpResponse<String> send(String body, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The query as the Land's API expects it. */
    String body(ArrearsQuery query) {
        Holder holder = query.holder();
        ObjectNode root = json.createObjectNode();
        root.put("anfrageId", query.application().toString());
        root.put("behoerde", query.authority());
        ObjectNode person = root.putObject("person");
        person.put("name", holder.name());
        if (holder.dateOfBirth() != null && !query.organisation()) {
            person.put("geburtsdatum", holder.dateOfBirth().toString());
        }
        putIfPresent(person, "strasse", holder.street());
        putIfPresent(person, "plz", holder.postalCode());
        putIfPresent(person, "ort", holder.city());
        person.put("organisation", query.organisation());
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the query", e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    @Override
    public ConnectorHealth health() {
        ConnectorHealth health = resilience.health();
        if (configError == null) {
            return health;
        }
        return new ConnectorHealth(health.name(), health.endpoint(), ConnectorHealth.State.DOWN, health.circuit(),
                health.lastSuccess(), health.lastFailure(), configError, health.calls(), health.failures());
    }

    private static URI uri(String value, String attribute) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(attribute + " is no URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(attribute + " is no http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(attribute + " must not contain credentials; use clientId and clientSecret");
        }
        return uri;
    }

    /** The URL as operators see it: without user information, query or fragment. */
    private static String shown(String url) {
        if (url == null) {
            return "(invalid URL)";
        }
        try {
            URI uri = URI.create(url.strip());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}

package org.openikfz.connector.gebuehren.sn.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.value.Land;
import org.openikfz.connector.support.MalformedAnswerException;
import org.openikfz.connector.support.Resilience;
import org.openikfz.connector.support.TlsSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.w3c.dom.Element;

/**
 * Asks the Land Sachsen's fee-arrears service whether a holder owes registration fees of earlier
 * Zulassungsvorgänge (§ 6a(8) StVG; FZV Anlage 11 Nr. 8): SOAP 1.1, the request
 * {@code gebuehren.rueckstandsanfrage.0102} and the answer {@code gebuehren.rueckstandsantwort.0103}
 * (modelled on XKfz, see {@link XkfzMessages}), over HTTPS with mutual TLS and/or HTTP Basic as
 * configured. Calls are bounded by {@link Resilience} (timeout per attempt, retries, circuit breaker).
 *
 * <p>{@code rueckstandVorhanden=false} is clear; {@code true} is arrears with the Land's payment note,
 * the sum and the Kassenzeichen. A SOAP Fault or HTTP 5xx is unavailability (retried); an answer that
 * cannot be read, misses an element or refers to another request is malformed (not retried). Either
 * way the check fails and the clerks decide — never clear without a valid answer. The person asked
 * about is never logged.
 *
 * <p>Changed configuration re-creates the component (no {@code @Modified}): a new HTTP client and
 * fresh circuit breaker for the new endpoint or credentials.
 */
@Component(configurationPid = SachsenGebuehrenConnector.PID,
        property = {ArrearsConnector.KIND + "=gebuehren", ArrearsConnector.LAND + "=SN"})
@Designate(ocd = SachsenGebuehrenConnector.Config.class)
public final class SachsenGebuehrenConnector implements ArrearsConnector {

    static final String PID = "org.openikfz.connector.gebuehren.sn";
    static final String NAME = "Gebührenrückstand Sachsen (XKfz 0102/0103)";
    /** Answers larger than this are not read. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    @ObjectClassDefinition(id = PID, name = "Connector: Gebührenrückstand Sachsen (XKfz 0102/0103 über SOAP)",
            description = "The Land Sachsen's fee-arrears service. The defaults reach the simulator on 127.0.0.1:8092.")
    // secrets are configured as .password, .keyStorePassword, .trustStorePassword: DS copies
    // configuration properties into the service registration, except those starting with a dot
    public @interface Config {
        @AttributeDefinition(description = "the SOAP endpoint (https in production); no credentials in it")
        String endpoint() default "http://127.0.0.1:8092/xkfz/gebuehren";

        @AttributeDefinition(description = "HTTP Basic user name; empty: no Basic authentication", required = false)
        String username() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "HTTP Basic password", required = false)
        String _password() default ""; // ".password": a leading dot keeps it out of the service properties

        @AttributeDefinition(description = "PKCS#12 file with the portal's client certificate (mutual TLS); empty: none",
                required = false)
        String keyStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "password of the key store", required = false)
        String _keyStorePassword() default "";

        @AttributeDefinition(description = "PKCS#12 file with the trusted server certificates; empty: the JDK's",
                required = false)
        String trustStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "password of the trust store", required = false)
        String _trustStorePassword() default "";

        @AttributeDefinition(description = "timeout per attempt in milliseconds")
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

    /** The configuration, checked. */
    record Settings(URI endpoint, String username, String password, TlsSettings tls, Resilience.Settings resilience) {

        static Settings of(Config c) {
            return new Settings(endpoint(c.endpoint()), c.username(), c._password(),
                    new TlsSettings(c.keyStore(), c._keyStorePassword(), c.trustStore(), c._trustStorePassword()),
                    Resilience.Settings.ofMillis(c.timeoutMs(), c.retries(), c.backoffMs(), c.failureThreshold(), c.openForMs()));
        }

        /** Settings for the endpoint without authentication, with these bounds. */
        static Settings of(String endpoint, Resilience.Settings resilience) {
            return new Settings(endpoint(endpoint), "", "", TlsSettings.none(), resilience);
        }

        Settings {
            username = username == null ? "" : username.strip();
            password = password == null ? "" : password;
            if (username.contains(":")) {
                throw new IllegalArgumentException("username must not contain ':' (HTTP Basic)");
            }
        }

        /** The endpoint as configured, checked: http(s), a host, no user information (the message never echoes it). */
        private static URI endpoint(String value) {
            URI uri;
            try {
                uri = new URI(value == null ? "" : value.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint is not a URI");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an http or https URL with a host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("endpoint must not contain credentials; configure username and password");
            }
            return uri;
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "Settings[" + shownEndpoint() + ", username=" + username + ", password ***, " + tls + ", " + resilience + "]";
        }

        /** The endpoint as operators see it: scheme, host, port and path only. */
        String shownEndpoint() {
            return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                    + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
        }
    }

    private static final Logger LOG = System.getLogger(SachsenGebuehrenConnector.class.getName());

    private final Settings settings;
    private final Resilience resilience;
    private final HttpClient http; // null when the TLS stores could not be loaded
    private final String setupError; // why there is no client, for operators; or null
    private final String authorization; // "Basic …" or null
    private final Duration timeout;
    private final Clock clock;
    private volatile boolean stopped;

    @Activate
    public SachsenGebuehrenConnector(Config config) {
        this(Settings.of(config), Clock.systemUTC());
    }

    SachsenGebuehrenConnector(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.timeout = settings.resilience().timeout();
        this.authorization = settings.username().isEmpty() ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>(List.of(settings.password(), settings.tls().keyStorePassword(),
                settings.tls().trustStorePassword()));
        if (authorization != null) {
            secrets.add(authorization.substring("Basic ".length()));
        }
        this.resilience = new Resilience(NAME, settings.shownEndpoint(), settings.resilience(), secrets);
        HttpClient client = null;
        String error = null;
        try {
            client = settings.tls().httpClient(timeout);
        } catch (IOException | GeneralSecurityException e) { // names the file, never the password
            error = resilience.redact("TLS stores cannot be loaded: " + e.getMessage());
            LOG.log(Level.ERROR, NAME + ": " + error + "; every query fails until the configuration is corrected");
        }
        this.http = client;
        this.setupError = error;
        if (authorization != null && settings.endpoint().getScheme().equalsIgnoreCase("http") && !loopback(settings.endpoint())) {
            LOG.log(Level.WARNING, NAME + ": HTTP Basic credentials are sent without TLS to " + settings.shownEndpoint()
                    + "; use https");
        }
    }

    private static boolean loopback(URI uri) {
        String host = uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** Stops: calls in flight fail (the check fails, the clerks decide), nothing waits on. */
    @Deactivate
    void stop() {
        stopped = true;
        if (http != null) {
            http.shutdownNow();
        }
    }

    @Override
    public ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException {
        if (query.land() != Land.SN) {
            throw new ConnectorUnavailableException(NAME + ": asked about an authority in " + query.land()
                    + ", answers for SN only");
        }
        if (http == null) {
            throw new ConnectorUnavailableException(NAME + ": " + setupError);
        }
        if (stopped) {
            throw new ConnectorUnavailableException(NAME + ": the connector is stopped");
        }
        UUID id = UUID.randomUUID(); // the same message on every attempt: retries are the same question
        byte[] request = XkfzMessages.request(id, query, Instant.now(clock));
        return resilience.call(() -> exchange(id, request));
    }

    private ArrearsAnswer exchange(UUID id, byte[] request) throws Exception {
        if (stopped) {
            throw new ConnectorUnavailableException("the connector is stopped");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint())
                .timeout(timeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Accept", "text/xml")
                .header("SOAPAction", "\"" + XkfzMessages.SOAP_ACTION + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
        if (status == 401 || status == 403) {
            // a configuration error (credentials, client certificate): asking again gets the same refusal
            throw new MalformedAnswerException("the Land's service refused the portal's credentials (HTTP " + status + ")");
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw new MalformedAnswerException("the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        if (status >= 500 || status == 408 || status == 429) {
            XkfzMessages.Fault fault = faultIn(body);
            if (fault != null) {
                throw XkfzMessages.unavailable(fault, status);
            }
            throw new ConnectorUnavailableException("the Land's service answered HTTP " + status);
        }
        if (status != 200) {
            throw new MalformedAnswerException("the Land's service answered HTTP " + status + " (expected 200 with a "
                    + XkfzMessages.ANSWER + ")");
        }
        Element content = XkfzMessages.content(body);
        XkfzMessages.Fault fault = XkfzMessages.fault(content);
        if (fault != null) {
            throw XkfzMessages.unavailable(fault, status);
        }
        return XkfzMessages.answer(content, id);
    }

    private static XkfzMessages.Fault faultIn(byte[] body) {
        try {
            return XkfzMessages.fault(XkfzMessages.content(body));
        } catch (MalformedAnswerException e) {
            return null;
        }
    }

    @Override
    public ConnectorHealth health() {
        if (http == null) {
            ConnectorHealth h = resilience.health();
            return new ConnectorHealth(NAME, settings.shownEndpoint(), ConnectorHealth.State.DOWN, h.circuit(),
                    h.lastSuccess(), h.lastFailure(), setupError, h.calls(), h.failures());
        }
        return resilience.health();
    }

    @Override
    public String toString() {
        return "SachsenGebuehrenConnector[" + settings.shownEndpoint() + "]";
    }
}

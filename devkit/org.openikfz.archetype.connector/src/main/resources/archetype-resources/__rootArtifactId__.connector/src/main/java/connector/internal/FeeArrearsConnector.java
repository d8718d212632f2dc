package ${package}.connector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsConnector;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.text.LocalizedText;
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

/**
 * FZV Anlage 11 Nr. 8, § 6a(8) StVG: asks the fee-arrears system of ${landName} whether the holder owes
 * fees of earlier Zulassungsvorgänge. The platform's check picks this connector for authorities whose
 * Land is ${land} and turns arrears into an opposed application (the applicant reads the settlement
 * text), and an exception into a case for the clerks. Never answers clear without a valid answer.
 *
 * <p>The protocol here is an example (REST/JSON, see the simulator); put the Land's real one into
 * {@code request} and {@code answer}. Configuration PID {@code ${package}.connector}; a change makes
 * DS create the component anew.
 */
@Component(configurationPid = FeeArrearsConnector.PID,
        property = {ArrearsConnector.KIND + "=gebuehren", ArrearsConnector.LAND + "=${land}"})
@Designate(ocd = FeeArrearsConnector.Config.class)
public final class FeeArrearsConnector implements ArrearsConnector {

    static final String PID = "${package}.connector";
    static final String NAME = "Gebührenrückstand ${landName}";

    @ObjectClassDefinition(id = PID, name = "Gebührenrückstand ${landName}: connector",
            description = "The fee-arrears system of ${landName} (FZV Anlage 11 Nr. 8)")
    public @interface Config {
        @AttributeDefinition(description = "URL of the arrears query")
        String endpoint() default "http://127.0.0.1:${simulatorPort}/gebuehren/v1/rueckstand";

        /** Property {@code .apiKey}: the leading dot keeps it out of the service properties. */
        @AttributeDefinition(description = "API key sent in X-Api-Key; empty: none", type = AttributeType.PASSWORD)
        String _apiKey() default "";

        @AttributeDefinition(description = "Client certificate and key for mutual TLS (PKCS12 file); empty: none")
        String keyStore() default "";

        /** Property {@code .keyStorePassword}. */
        @AttributeDefinition(description = "Password of the key store", type = AttributeType.PASSWORD)
        String _keyStorePassword() default "";

        @AttributeDefinition(description = "Trusted server certificates (PKCS12 file); empty: the JDK's")
        String trustStore() default "";

        /** Property {@code .trustStorePassword}. */
        @AttributeDefinition(description = "Password of the trust store", type = AttributeType.PASSWORD)
        String _trustStorePassword() default "";

        @AttributeDefinition(description = "Timeout per attempt (ms)")
        long timeoutMs() default 5000;

        @AttributeDefinition(description = "Attempts after the first (0 to 5)")
        int retries() default 2;

        @AttributeDefinition(description = "Pause before the first retry (ms), doubling per retry")
        long backoffMs() default 200;

        @AttributeDefinition(description = "Failed attempts in a row that open the circuit breaker")
        int failureThreshold() default 5;

        @AttributeDefinition(description = "How long an open circuit refuses calls (ms)")
        long openForMs() default 30000;
    }

    /** What the connector needs, from the configuration or a test. */
    record Settings(URI endpoint, String apiKey, TlsSettings tls, Resilience.Settings resilience) {
        static Settings of(Config c) {
            return new Settings(URI.create(c.endpoint().strip()), c._apiKey(),
                    new TlsSettings(c.keyStore(), c._keyStorePassword(), c.trustStore(), c._trustStorePassword()),
                    Resilience.Settings.ofMillis(c.timeoutMs(), c.retries(), c.backoffMs(), c.failureThreshold(), c.openForMs()));
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Settings settings;
    private final Resilience resilience;
    private final HttpClient http;

    @Activate
    public FeeArrearsConnector(Config config) throws IOException, GeneralSecurityException {
        this(Settings.of(config));
    }

    FeeArrearsConnector(Settings settings) throws IOException, GeneralSecurityException {
        this.settings = settings;
        URI e = settings.endpoint();
        String shown = e.getScheme() + "://" + e.getHost() + (e.getPort() < 0 ? "" : ":" + e.getPort()) + e.getPath();
        this.resilience = new Resilience(NAME, shown, settings.resilience(), List.of(settings.apiKey(),
                settings.tls().keyStorePassword(), settings.tls().trustStorePassword()));
        this.http = settings.tls().httpClient(settings.resilience().timeout());
    }

    @Deactivate
    void deactivate() {
        // the bundle may go away under traffic: calls in flight fail (the case goes to the clerks), nothing hangs
        http.shutdownNow();
    }

    @Override
    public ArrearsAnswer query(ArrearsQuery query) throws ConnectorUnavailableException {
        String body = request(query);
        String requestId = query.application().toString();
        return resilience.call(() -> answer(requestId, send(body)));
    }

    @Override
    public ConnectorHealth health() {
        return resilience.health();
    }

    /** The request of the Land's protocol. Personal data: never logged. */
    private String request(ArrearsQuery query) {
        ObjectNode request = json.createObjectNode()
                .put("requestId", query.application().toString())
                .put("authority", query.authority())
                .put("land", query.land().name())
                .put("name", query.holder().name())
                .put("dateOfBirth", query.holder().dateOfBirth() == null ? null : query.holder().dateOfBirth().toString())
                .put("postalCode", query.holder().postalCode())
                .put("organisation", query.organisation());
        return request.toString();
    }

    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.resilience().timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!settings.apiKey().isEmpty()) {
            request.header("X-Api-Key", settings.apiKey());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer of the Land's protocol: clear, arrears, or an exception — never clear by default. */
    private ArrearsAnswer answer(String requestId, HttpResponse<String> response) throws ConnectorUnavailableException {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new MalformedAnswerException("the system refused the portal's credentials (HTTP " + status + ")");
        }
        if (status != 200) {
            // 5xx and the like: worth another attempt
            throw new ConnectorUnavailableException("the system answered HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new MalformedAnswerException("the answer is no valid JSON");
        }
        if (answer == null || !requestId.equals(answer.path("requestId").asText())) {
            throw new MalformedAnswerException("the answer is not for this request");
        }
        switch (answer.path("status").asText("")) {
            case "CLEAR":
                return ArrearsAnswer.clear();
            case "FOUND":
                return found(answer);
            default:
                throw new MalformedAnswerException("the answer has no known status");
        }
    }

    private ArrearsAnswer found(JsonNode answer) throws MalformedAnswerException {
        String reference = answer.path("reference").asText("").strip();
        String payee = answer.path("payee").asText("").strip();
        String iban = answer.path("iban").asText("").strip();
        if (reference.isEmpty() || payee.isEmpty() || iban.isEmpty()) {
            throw new MalformedAnswerException("arrears without reference, payee or account");
        }
        BigDecimal amount = null;
        if (answer.hasNonNull("amount")) {
            try {
                amount = new BigDecimal(answer.path("amount").asText());
            } catch (NumberFormatException e) {
                throw new MalformedAnswerException("the amount is not a number");
            }
            if (amount.signum() <= 0) {
                throw new MalformedAnswerException("the amount is not positive");
            }
        }
        LocalizedText settlement = LocalizedText.of(
                "Bitte überweisen Sie den offenen Betrag an die " + payee + ", IBAN " + iban
                        + ", mit dem Kassenzeichen " + reference + " als Verwendungszweck. Nach Zahlungseingang"
                        + " können Sie den Antrag erneut prüfen lassen.",
                "Please transfer the amount owed to " + payee + ", IBAN " + iban + ", quoting the reference "
                        + reference + ". Once it is paid, you can have the application checked again.");
        return ArrearsAnswer.found(settlement, amount, reference);
    }
}

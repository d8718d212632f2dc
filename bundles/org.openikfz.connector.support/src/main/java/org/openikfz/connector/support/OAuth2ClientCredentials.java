package org.openikfz.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.openikfz.api.connector.ConnectorUnavailableException;

/**
 * Access tokens by the OAuth 2.0 client-credentials grant (RFC 6749 § 4.4): the client authenticates
 * with HTTP Basic (§ 2.3.1) at the token endpoint; the token is kept until 30 s before it expires and
 * fetched anew when it is {@link #invalidate() invalidated} (e.g. after a 401). Neither the client
 * secret nor a token ever appears in an exception message.
 */
public final class OAuth2ClientCredentials {

    private static final Duration EARLY = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private String token; // guarded by this
    private Instant expires = Instant.MIN; // guarded by this

    public OAuth2ClientCredentials(HttpClient http, URI tokenEndpoint, String clientId, String clientSecret, String scope,
            Duration timeout, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.scope = scope == null ? "" : scope;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A valid access token, fetched when none is kept or it is about to expire. */
    public synchronized String token() throws ConnectorUnavailableException, IOException, InterruptedException {
        if (token != null && clock.instant().isBefore(expires.minus(EARLY))) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials" + (scope.isBlank() ? "" : "&scope=" + form(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            // RFC 6749 § 5.2: invalid_client etc. — a configuration error, not worth retrying soon
            throw new MalformedAnswerException("token endpoint refused the client credentials (HTTP "
                    + response.statusCode() + error(response.body()) + ")");
        }
        if (response.statusCode() != 200) {
            throw new ConnectorUnavailableException("token endpoint answered HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new MalformedAnswerException("token endpoint answered no JSON");
        }
        JsonNode accessToken = answer == null ? null : answer.get("access_token");
        JsonNode type = answer == null ? null : answer.get("token_type");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()
                || type == null || !"bearer".equalsIgnoreCase(type.asText())) {
            throw new MalformedAnswerException("token endpoint answered without a bearer access_token");
        }
        long seconds = answer.path("expires_in").asLong(300);
        token = accessToken.asText();
        expires = clock.instant().plusSeconds(Math.max(1, seconds));
        return token;
    }

    /** Forgets the kept token: the next call fetches a new one. */
    public synchronized void invalidate() {
        token = null;
        expires = Instant.MIN;
    }

    private String error(String body) {
        try {
            JsonNode node = json.readTree(body);
            String error = node == null ? "" : node.path("error").asText("");
            return error.matches("[a-z_]{1,40}") ? ", " + error : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

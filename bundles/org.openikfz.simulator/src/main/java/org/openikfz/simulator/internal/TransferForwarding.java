package org.openikfz.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.TransferMessage;
import org.osgi.framework.BundleContext;

/**
 * Several platform nodes, one set of simulated systems: with the framework property
 * {@value #PROPERTY} (e.g. {@code http://127.0.0.1:8090}, in {@code etc/framework.properties}) the
 * transfer receivers of this node (KBA, Fachverfahren, post) keep nothing themselves but pass every
 * message to that simulator server's {@code POST /<system>/admin/receive}, where the receiver of the
 * one set takes it as if delivered to it directly (its mode, its records, its delivery count).
 */
final class TransferForwarding {

    static final String PROPERTY = "openikfz.simulator.transfersTo";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TransferForwarding(URI base) {
        this.base = base;
    }

    static Optional<TransferForwarding> of(BundleContext context) {
        String to = context == null ? null : context.getProperty(PROPERTY);
        return to == null || to.isBlank() ? Optional.empty() : Optional.of(to(URI.create(to.strip().replaceAll("/+$", ""))));
    }

    /** To the simulator server at {@code base} (e.g. {@code http://127.0.0.1:8090}). */
    static TransferForwarding to(URI base) {
        return new TransferForwarding(base);
    }

    /** Passes {@code message} on to {@code system}'s receiver of the one set; acknowledged when that one acknowledged it. */
    void deliver(String system, TransferMessage message) throws ConnectorUnavailableException {
        String form = "id=" + message.id() + "&application=" + message.applicationId() + "&procedure=" + enc(message.procedure())
                + "&internet=" + message.internet() + "&payload=" + enc(message.payload());
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/" + system + "/admin/receive")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConnectorUnavailableException(system + " simulator at " + base + " not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorUnavailableException("interrupted");
        }
        if (response.statusCode() != 204) {
            throw new ConnectorUnavailableException(system + " simulator at " + base + " answered " + response.statusCode());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}

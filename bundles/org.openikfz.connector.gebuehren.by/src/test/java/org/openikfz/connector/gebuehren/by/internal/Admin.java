package org.openikfz.connector.gebuehren.by.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The simulator's admin API, as tests and operators use it (plain HTTP). */
final class Admin implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    Admin(String base) {
        this.base = base;
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    JsonNode post(String path, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError("admin " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    void mode(String mode) throws Exception {
        post("/admin/mode", "mode=" + mode);
    }

    /** A counter of {@code /admin/requests}: queries, tokensIssued, clientsRefused, tokensRejected, badRequests. */
    long count(String counter) throws Exception {
        return get("/admin/requests").get(counter).asLong();
    }

    @Override
    public void close() {
        http.close();
    }
}

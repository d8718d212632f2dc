package org.openikfz.simulator.gebuehren.by.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated service over HTTP: token endpoint, query API and admin API. */
class GebuehrenBySimulatorTest {

    static final String BERTA = "{\"anfrageId\":\"%s\",\"behoerde\":\"M\",\"person\":{\"name\":\"berta  beitragsrest\","
            + "\"geburtsdatum\":\"1970-03-03\",\"strasse\":\"Hauptstraße 1\",\"plz\":\"80331\",\"ort\":\"München\","
            + "\"organisation\":false}}";

    @TempDir
    Path dir;
    final TokenStoreTest.TestClock clock = new TokenStoreTest.TestClock();
    final ObjectMapper json = new ObjectMapper();
    GebuehrenBySimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = new GebuehrenBySimulator(Configs.of(GebuehrenBySimulator.Config.class, Map.of("port", 0)), dir, clock);
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    /** An HTTP answer (the module reads java.base only: HttpURLConnection). */
    record Answer(int statusCode, String body, Map<String, java.util.List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
                    .map(e -> e.getValue().get(0)).findFirst().orElse("");
        }
    }

    Answer post(String path, String contentType, String body, String authorization) throws Exception {
        return call("POST", path, contentType, body, authorization);
    }

    Answer get(String path) throws Exception {
        return call("GET", path, null, null, null);
    }

    Answer call(String method, String path, String contentType, String body, String authorization) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(simulator.baseUrl() + path).toURL().openConnection();
        c.setRequestMethod(method);
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    c.getHeaderFields());
        } finally {
            c.disconnect();
        }
    }

    Answer token(String id, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post(GebuehrenBySimulator.TOKEN_PATH, "application/x-www-form-urlencoded", "grant_type=client_credentials",
                "Basic " + basic);
    }

    String accessToken() throws Exception {
        Answer response = token("openikfz-portal", "simulator-secret");
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body()).get("access_token").asText();
    }

    Answer query(String body, String token) throws Exception {
        return post(GebuehrenBySimulator.API_PATH, "application/json", body, token == null ? null : "Bearer " + token);
    }

    JsonNode tree(Answer response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void theTokenEndpointIssuesBearerTokensForTheConfiguredClientOnly() throws Exception {
        Answer ok = token("openikfz-portal", "simulator-secret");
        assertEquals(200, ok.statusCode());
        JsonNode answer = tree(ok);
        assertEquals("Bearer", answer.get("token_type").asText());
        assertEquals(300, answer.get("expires_in").asInt());
        assertFalse(answer.get("access_token").asText().isBlank());
        assertEquals("no-store", ok.header("Cache-Control"));

        Answer wrong = token("openikfz-portal", "guessed");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_client", tree(wrong).get("error").asText());
        assertTrue(wrong.header("WWW-Authenticate").startsWith("Basic"));
        assertEquals(401, post(GebuehrenBySimulator.TOKEN_PATH, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=openikfz-portal&client_secret=simulator-secret", null).statusCode(),
                "client authentication by HTTP Basic only");
        String basic = "Basic " + Base64.getEncoder().encodeToString("openikfz-portal:simulator-secret".getBytes());
        Answer password = post(GebuehrenBySimulator.TOKEN_PATH, "application/x-www-form-urlencoded",
                "grant_type=password", basic);
        assertEquals(400, password.statusCode());
        assertEquals("unsupported_grant_type", tree(password).get("error").asText());

        Map<?, ?> requests = json.readValue(get("/admin/requests").body(), Map.class);
        assertEquals(1, requests.get("tokensIssued"));
        assertEquals(2, requests.get("clientsRefused"));
    }

    @Test
    void theQueryNeedsAValidUnexpiredToken() throws Exception {
        String body = BERTA.formatted(UUID.randomUUID());
        assertEquals(401, query(body, null).statusCode());
        Answer unknown = query(body, "made-up-token");
        assertEquals(401, unknown.statusCode());
        assertEquals("invalid_token", tree(unknown).get("error").asText());
        assertTrue(unknown.header("WWW-Authenticate").contains("invalid_token"));

        String token = accessToken();
        assertEquals(200, query(body, token).statusCode());
        clock.now = clock.now.plusSeconds(301);
        assertEquals(401, query(body, token).statusCode(), "expired");
        String fresh = accessToken();
        assertEquals(200, query(body, fresh).statusCode());
        assertEquals("{\"revoked\":1}", post("/admin/tokens/revoke", "text/plain", "", null).body());
        assertEquals(401, query(body, fresh).statusCode(), "revoked");
    }

    @Test
    void aDebtorGetsTheOpenFeesWithPaymentNoteEveryoneElseIsClear() throws Exception {
        String token = accessToken();
        UUID id = UUID.randomUUID();
        Answer found = query(BERTA.formatted(id), token);
        assertEquals(200, found.statusCode(), found.body());
        JsonNode answer = tree(found);
        assertEquals(id.toString(), answer.get("anfrageId").asText());
        assertEquals("RUECKSTAND", answer.get("ergebnis").asText());
        JsonNode item = answer.get("rueckstaende").get(0);
        assertEquals("45.60", item.get("betrag").asText());
        assertEquals("BY-2025-004711", item.get("kassenzeichen").asText());
        assertEquals("Landratsamt Musterkreis, Staatsoberkasse Bayern", item.get("glaeubiger").asText());
        assertEquals("2025-02-14", item.get("faelligSeit").asText());
        String note = answer.get("zahlungshinweis").asText();
        assertTrue(note.contains("45,60 €") && note.contains("BY-2025-004711") && note.contains("Kassenzeichen"), note);

        Answer otherBirthday = query(BERTA.formatted(id).replace("1970-03-03", "1970-03-04"), token);
        assertEquals("KEIN_RUECKSTAND", tree(otherBirthday).get("ergebnis").asText());
        String erika = "{\"anfrageId\":\"" + id + "\",\"behoerde\":\"M\",\"person\":{\"name\":\"Erika Mustermann\","
                + "\"geburtsdatum\":\"1964-08-12\"}}";
        JsonNode clear = tree(query(erika, token));
        assertEquals("KEIN_RUECKSTAND", clear.get("ergebnis").asText());
        assertEquals(0, clear.get("rueckstaende").size());
        assertFalse(clear.has("zahlungshinweis"));
        String gmbh = "{\"anfrageId\":\"" + id + "\",\"behoerde\":\"M\",\"person\":{\"name\":\"Muster GmbH\",\"organisation\":true}}";
        assertEquals("KEIN_RUECKSTAND", tree(query(gmbh, token)).get("ergebnis").asText());
    }

    @Test
    void invalidBodiesAre400WithoutEchoingTheInput() throws Exception {
        String token = accessToken();
        String id = UUID.randomUUID().toString();
        Map<String, String> invalid = Map.of(
                "not json", "no JSON",
                "{\"anfrageId\":\"42\",\"behoerde\":\"M\",\"person\":{\"name\":\"Geheim\"}}", "anfrageId",
                "{\"anfrageId\":\"" + id + "\",\"person\":{\"name\":\"Geheim\"}}", "behoerde",
                "{\"anfrageId\":\"" + id + "\",\"behoerde\":\"M\"}", "person",
                "{\"anfrageId\":\"" + id + "\",\"behoerde\":\"M\",\"person\":{\"name\":\" \"}}", "person.name",
                "{\"anfrageId\":\"" + id + "\",\"behoerde\":\"M\",\"person\":{\"name\":\"Geheim\",\"geburtsdatum\":\"03.03.1970\"}}",
                "geburtsdatum",
                "{\"anfrageId\":\"" + id + "\",\"behoerde\":\"M\",\"person\":{\"name\":\"Geheim\",\"organisation\":\"ja\"}}",
                "organisation");
        for (Map.Entry<String, String> e : invalid.entrySet()) {
            Answer response = query(e.getKey(), token);
            assertEquals(400, response.statusCode(), e.getKey());
            String error = tree(response).get("error").asText();
            assertTrue(error.contains(e.getValue()), error);
            assertFalse(error.contains("Geheim") || error.contains("03.03.1970"), error);
        }
        Map<?, ?> requests = json.readValue(get("/admin/requests").body(), Map.class);
        assertEquals(invalid.size(), requests.get("badRequests"));
        assertEquals(0, requests.get("queries"));
    }

    @Test
    void adminAddsDebtorsAndSwitchesModes() throws Exception {
        Answer added = post("/admin/debtors", "application/x-www-form-urlencoded",
                "name=Karl+Kasse&dateOfBirth=1980-01-02&amount=12%2C50&glaeubiger=Stadt+Musterstadt", null);
        assertEquals(201, added.statusCode(), added.body());
        JsonNode debtor = tree(added);
        assertEquals("12.50", debtor.get("amount").asText());
        assertTrue(debtor.get("kassenzeichen").asText().matches("BY-2025-\\d{6}"), debtor.toString());
        assertEquals(2, tree(get("/admin/debtors")).size());
        assertEquals(1, new DebtorRegister(dir).find("karl kasse", null).size(), "persisted");
        assertEquals(422, post("/admin/debtors", "application/x-www-form-urlencoded", "name=Karl&amount=zwölf", null)
                .statusCode());
        assertEquals(422, post("/admin/debtors", "application/x-www-form-urlencoded", "amount=12", null).statusCode());
        assertEquals(422, post("/admin/debtors", "application/x-www-form-urlencoded",
                "name=Karl&amount=1&dateOfBirth=1.1.1980", null).statusCode());

        String token = accessToken();
        String body = BERTA.formatted(UUID.randomUUID());
        assertEquals(422, post("/admin/mode", "application/x-www-form-urlencoded", "mode=fast", null).statusCode());
        assertEquals("malformed", tree(post("/admin/mode", "application/x-www-form-urlencoded", "mode=malformed", null))
                .get("mode").asText());
        Answer malformed = query(body, token);
        assertEquals(200, malformed.statusCode());
        assertThrows(Exception.class, () -> json.readTree(malformed.body()), "no valid JSON");
        post("/admin/mode", "application/x-www-form-urlencoded", "mode=unavailable", null);
        assertEquals("unavailable", tree(get("/admin/mode")).get("mode").asText());
        assertEquals(503, query(body, token).statusCode());
        assertEquals(503, token("openikfz-portal", "simulator-secret").statusCode());
        post("/admin/mode", "application/x-www-form-urlencoded", "mode=normal", null);
        assertEquals(200, query(body, token).statusCode());
        assertEquals(404, get("/admin/other").statusCode());
        assertEquals(404, get("/other").statusCode());
        assertEquals(405, get(GebuehrenBySimulator.API_PATH).statusCode());
        assertNotNull(tree(get("/admin/requests")).get("queries"));
    }

    @Test
    void theRequestCountersHoldNoPersonalData() throws Exception {
        String token = accessToken();
        query(BERTA.formatted(UUID.randomUUID()), token);
        query(BERTA.formatted(UUID.randomUUID()), token);
        String counters = get("/admin/requests").body();
        assertEquals(2, tree(get("/admin/requests")).get("queries").asInt());
        assertFalse(counters.toLowerCase().contains("berta") || counters.contains("1970") || counters.contains(token));
    }
}

package org.openikfz.connector.gebuehren.by.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.BindException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;
import org.openikfz.connector.support.MalformedAnswerException;
import org.openikfz.simulator.gebuehren.by.internal.GebuehrenBySimulator;

/** The connector against the simulated Land Bayern service, over the real protocol. */
class GebuehrenByConnectorTest {

    static final Holder BERTA = new Holder("Berta  BEITRAGSREST", "Hauptstraße 1", "80331", "München",
            LocalDate.of(1970, 3, 3));
    static final Holder ERIKA = new Holder("Erika Mustermann", "Heidestraße 17", "51147", "Köln", LocalDate.of(1964, 8, 12));

    @TempDir
    Path dir;
    GebuehrenBySimulator simulator;
    Admin admin;
    GebuehrenByConnector connector;

    void simulator(Map<String, ?> config) throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("port", 0));
        values.putAll(config);
        simulator = new GebuehrenBySimulator(Configs.of(GebuehrenBySimulator.Config.class, values), dir);
        admin = new Admin(simulator.baseUrl());
    }

    GebuehrenByConnector connector(Map<String, ?> config) {
        Map<String, Object> values = new HashMap<>();
        values.put("endpoint", simulator.baseUrl() + "/api/v1/gebuehrenrueckstaende/abfragen");
        values.put("tokenEndpoint", simulator.baseUrl() + "/oauth2/token");
        values.put("backoffMs", 10L);
        values.putAll(config);
        connector = new GebuehrenByConnector(Configs.of(GebuehrenByConnector.Config.class, values));
        return connector;
    }

    static ArrearsQuery query(Holder holder) {
        return new ArrearsQuery(UUID.randomUUID(), "09162000", Land.BY, holder, false, LocalDate.of(2025, 6, 2));
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    static void assertNoSecretIn(String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text != null && text.contains(secret), "a secret in: " + text);
        }
    }

    @Test
    void clearForEveryoneWithoutArrears() throws Exception {
        simulator(Map.of());
        connector(Map.of());
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(query(ERIKA)));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(new ArrearsQuery(UUID.randomUUID(), "09162000",
                Land.BY, new Holder("Muster GmbH", "Industriestraße 5", "80331", "München", null), true, LocalDate.now())));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(query(new Holder(BERTA.name(), null, null, null,
                LocalDate.of(1970, 3, 4)))), "same name, other date of birth: another person");
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.UP, health.state());
        assertEquals("Gebührenrückstand Bayern (REST, OAuth2)", health.name());
        assertEquals(3, health.calls());
    }

    @Test
    void arrearsWithSettlementAmountAndKassenzeichen() throws Exception {
        simulator(Map.of());
        connector(Map.of());
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(BERTA)));
        assertEquals(new BigDecimal("45.60"), found.amount());
        assertEquals("BY-2025-004711", found.reference());
        String german = found.settlement().get(Locale.GERMAN);
        assertTrue(german.contains("45,60 €") && german.contains("Staatsoberkasse Bayern")
                && german.contains("Kassenzeichen BY-2025-004711"), german);
        String english = found.settlement().get(Locale.ENGLISH);
        assertTrue(english.contains("EUR 45.60 to Landratsamt Musterkreis, Staatsoberkasse Bayern (Kassenzeichen "
                + "BY-2025-004711)") && english.contains("apply again"), english);

        admin.post("/admin/debtors", "name=Berta+Beitragsrest&dateOfBirth=1970-03-03&amount=20.00"
                + "&kassenzeichen=BY-2025-000815&glaeubiger=Stadt+N%C3%BCrnberg%2C+Stadtkasse");
        ArrearsAnswer.Found two = assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(BERTA)));
        assertEquals(new BigDecimal("65.60"), two.amount(), "the sum of both");
        assertEquals("BY-2025-004711, BY-2025-000815", two.reference());
        assertTrue(two.settlement().get(Locale.ENGLISH).contains("Stadt Nürnberg, Stadtkasse"));
    }

    @Test
    void theTokenIsFetchedOnceAndReused() throws Exception {
        simulator(Map.of());
        connector(Map.of());
        for (int i = 0; i < 3; i++) {
            connector.query(query(ERIKA));
        }
        connector.query(query(BERTA));
        assertEquals(1, admin.count("tokensIssued"));
        assertEquals(4, admin.count("queries"));
        assertEquals(0, admin.count("tokensRejected"));
    }

    @Test
    void aRevokedTokenIsRenewedAndTheQueryRepeatedOnce() throws Exception {
        simulator(Map.of());
        connector(Map.of("retries", 0));
        connector.query(query(ERIKA));
        assertEquals(1, admin.post("/admin/tokens/revoke", "").get("revoked").asInt());
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(BERTA)), "retries 0: the renewal is not a retry");
        assertEquals(2, admin.count("tokensIssued"));
        assertEquals(1, admin.count("tokensRejected"));
        assertEquals(ConnectorHealth.State.UP, connector.health().state());
    }

    @Test
    void afterTheServiceRestartedItsOldTokenIsRenewed() throws Exception {
        simulator(Map.of());
        connector(Map.of("retries", 0));
        connector.query(query(ERIKA));
        int port = simulator.port();
        simulator.stop();
        admin.close();
        simulator = null;
        for (int attempt = 0; simulator == null; attempt++) { // the port is free again at once on Linux; be patient elsewhere
            try {
                simulator(Map.of("port", port));
            } catch (BindException e) {
                if (attempt > 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(BERTA)));
        assertEquals(1, admin.count("tokensRejected"), "the old token was refused by the restarted service");
        assertEquals(1, admin.count("tokensIssued"));
    }

    @Test
    void aShortLivedTokenIsNotUsedAfterItExpired() throws Exception {
        simulator(Map.of("tokenLifetimeSeconds", 1));
        connector(Map.of());
        connector.query(query(ERIKA));
        Thread.sleep(1100);
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(BERTA)));
        assertEquals(2, admin.count("tokensIssued"));
        assertEquals(2, admin.count("queries"));
    }

    @Test
    void aWrongClientSecretIsReportedAsRefusedCredentialsWithoutTheSecret() throws Exception {
        simulator(Map.of());
        String secret = "wrong-secret-4711";
        connector(Map.of(".clientSecret", secret));
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(BERTA)));
        assertTrue(e.getMessage().contains("refused the client credentials"), e.getMessage());
        assertNoSecretIn(e.getMessage(), secret, "simulator-secret");
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DEGRADED, health.state());
        assertTrue(health.lastError().contains("refused the client credentials"));
        assertNoSecretIn(health.toString(), secret);
        assertEquals(1, admin.count("clientsRefused"), "refused credentials are not retried");
        assertEquals(0, admin.count("queries"));
    }

    @Test
    void aMalformedAnswerIsAnErrorNotRetriedAndNeverClear() throws Exception {
        simulator(Map.of());
        connector(Map.of("retries", 2));
        admin.mode("malformed");
        MalformedAnswerException e = assertThrows(MalformedAnswerException.class, () -> connector.query(query(ERIKA)));
        assertFalse(e.getMessage().contains("Erika") || e.getMessage().contains("1964"), e.getMessage());
        assertEquals(1, admin.count("queries"), "not retried");
    }

    @Test
    void noAnswerInTimeIsUnavailable() throws Exception {
        simulator(Map.of("slowDelayMs", 3000L));
        connector(Map.of("timeoutMs", 300L, "retries", 0));
        connector.query(query(ERIKA)); // the token is kept; the slow mode then delays the query itself
        admin.mode("slow");
        long start = System.nanoTime();
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(BERTA)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2500, "gave up after " + millis + " ms");
        // the attempt's timeout or the HTTP request's, whichever fires first: both are 300 ms
        assertTrue(e.getMessage().contains("no answer within 300 ms") || e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void http503IsUnavailableAfterTheRetries() throws Exception {
        simulator(Map.of());
        connector(Map.of("retries", 2));
        connector.query(query(ERIKA));
        admin.mode("unavailable");
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertFalse(e instanceof MalformedAnswerException);
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        admin.mode("normal");
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(query(ERIKA)), "answers again once the service is back");
    }

    @Test
    void theCircuitOpensAndCallsFailFast() throws Exception {
        simulator(Map.of());
        connector(Map.of("retries", 0, "failureThreshold", 2, "openForMs", 60_000L));
        admin.mode("unavailable");
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertEquals("OPEN", health.circuit());
        assertNotNull(health.lastFailure());

        admin.mode("normal");
        long start = System.nanoTime();
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 500, "fails fast");
        assertTrue(e.getMessage().contains("circuit open"), e.getMessage());
        assertEquals(0, admin.count("tokensIssued"), "the service was not asked while the circuit is open");
        assertNoSecretIn(connector.health().toString(), "simulator-secret");
    }

    @Test
    void theQueryCarriesWhatTheLandNeedsAndNoDateOfBirthForAnOrganisation() throws Exception {
        simulator(Map.of());
        connector(Map.of());
        ArrearsQuery person = query(BERTA);
        JsonNode body = new ObjectMapper().readTree(connector.body(person));
        assertEquals(person.application().toString(), body.get("anfrageId").asText());
        assertEquals("09162000", body.get("behoerde").asText());
        assertEquals("1970-03-03", body.get("person").get("geburtsdatum").asText());
        assertEquals("80331", body.get("person").get("plz").asText());
        assertFalse(body.get("person").get("organisation").asBoolean());
        JsonNode organisation = new ObjectMapper().readTree(connector.body(new ArrearsQuery(UUID.randomUUID(), "09162000",
                Land.BY, new Holder("Muster GmbH", null, null, null, LocalDate.of(2001, 1, 1)), true, LocalDate.now())));
        assertFalse(organisation.get("person").has("geburtsdatum"));
        assertFalse(organisation.get("person").has("strasse"));
        assertTrue(organisation.get("person").get("organisation").asBoolean());
    }

    @Test
    void anotherLandOrABrokenConfigurationIsNeverAnswered() throws Exception {
        simulator(Map.of());
        connector(Map.of());
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(new ArrearsQuery(UUID.randomUUID(), "C",
                Land.SN, BERTA, false, LocalDate.now())));
        connector.close();

        connector(Map.of("keyStore", dir.resolve("missing.p12").toString(), ".keyStorePassword", "store-pass-123"));
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(BERTA)));
        assertTrue(e.getMessage().contains("configuration"), e.getMessage());
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertTrue(health.lastError().contains("missing.p12"), health.lastError());
        assertNoSecretIn(e.getMessage() + health, "store-pass-123");
        connector.close();

        connector(Map.of("retries", 6));
        assertEquals(ConnectorHealth.State.DOWN, connector.health().state());
    }

    @Test
    void afterDeactivationCallsFailAtOnce() throws Exception {
        simulator(Map.of());
        connector(Map.of("retries", 0));
        connector.query(query(ERIKA));
        connector.close();
        long start = System.nanoTime();
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
    }
}

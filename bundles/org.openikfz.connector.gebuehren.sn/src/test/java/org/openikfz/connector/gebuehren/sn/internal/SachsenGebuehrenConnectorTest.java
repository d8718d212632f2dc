package org.openikfz.connector.gebuehren.sn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;
import org.openikfz.connector.support.MalformedAnswerException;
import org.openikfz.connector.support.Resilience;
import org.openikfz.connector.support.TlsSettings;
import org.openikfz.simulator.gebuehren.sn.internal.GebuehrenSnSimulator;

/** The connector against the Land Sachsen's simulator, over HTTP. */
class SachsenGebuehrenConnectorTest {

    static final String PASSWORD = "Geheim-Passwort-4711";

    static final Holder GUSTAV = new Holder("Gustav Gebührenschuld", "Hauptstraße 1", "09456", "Annaberg-Buchholz",
            LocalDate.of(1975, 5, 5));
    static final Holder ERIKA = new Holder("Erika Mustermann", "Heidestraße 17", "51147", "Köln", LocalDate.of(1964, 8, 12));
    static final Holder MUSTER_GMBH = new Holder("Muster GmbH", "Musterweg 2", "01067", "Dresden", null);

    @TempDir
    Path dir;
    GebuehrenSnSimulator simulator;
    SachsenGebuehrenConnector connector;
    final HttpClient admin = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        simulator = new GebuehrenSnSimulator(dir, "127.0.0.1", 0, 3000);
        connector = connector(Resilience.Settings.ofMillis(2000, 2, 10, 5, 60_000));
    }

    @AfterEach
    void stop() {
        connector.stop();
        simulator.stop();
        admin.close();
    }

    SachsenGebuehrenConnector connector(Resilience.Settings bounds) {
        return new SachsenGebuehrenConnector(SachsenGebuehrenConnector.Settings.of(endpoint(), bounds), Clock.systemUTC());
    }

    String endpoint() {
        return "http://127.0.0.1:" + simulator.port() + "/xkfz/gebuehren";
    }

    static ArrearsQuery query(Holder holder, boolean organisation) {
        return new ArrearsQuery(UUID.randomUUID(), "ERZ", Land.SN, holder, organisation, LocalDate.of(2025, 3, 1));
    }

    String admin(String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path));
        if (form == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        HttpResponse<String> r = admin.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.body());
        return r.body();
    }

    void mode(String mode) throws Exception {
        admin("POST", "/admin/mode", "mode=" + mode);
    }

    long requestsReceived() throws Exception {
        String body = admin("GET", "/admin/requests", null);
        return Long.parseLong(body.replaceAll("^\\{\"requests\":(\\d+),.*$", "$1"));
    }

    /** What an operator or the audit log gets to see must name neither the person nor a secret. */
    static void assertNothingPersonalOrSecret(String text) {
        assertNotNull(text);
        for (String forbidden : new String[] {"Gustav", "Gebührenschuld", "1975", "Hauptstraße", "09456", "Annaberg",
                PASSWORD, "portal:" + PASSWORD}) {
            assertFalse(text.contains(forbidden), () -> "'" + forbidden + "' in: " + text);
        }
        assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(("portal:" + PASSWORD).getBytes())), text);
    }

    // --- answers ---

    @Test
    void holdersWithoutArrearsAreClear() throws Exception {
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(query(ERIKA, false)));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(query(MUSTER_GMBH, true)));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(query(new Holder("Gustav Gebührenschuld", null, null,
                null, LocalDate.of(1975, 5, 6)), false)), "the same name, born on another day");

        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.UP, health.state());
        assertEquals(3, health.calls());
        assertEquals(0, health.failures());
        assertNotNull(health.lastSuccess());
        assertEquals(3, requestsReceived());
    }

    @Test
    void theSeedDebtorHasArrearsWithWhomToPayAmountAndKassenzeichen() throws Exception {
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(GUSTAV, false)));

        assertEquals(new BigDecimal("87.40"), found.amount());
        assertEquals("SN-2024-000815", found.reference());
        String german = found.settlement().get(Locale.GERMAN);
        assertTrue(german.startsWith("Bitte überweisen Sie 87,40 € an Landratsamt Erzgebirgskreis, Kreiskasse unter "
                + "Angabe des Kassenzeichens SN-2024-000815."), german);
        String english = found.settlement().get(Locale.ENGLISH);
        assertTrue(english.startsWith("Please pay EUR 87.40 to Landratsamt Erzgebirgskreis, Kreiskasse quoting the "
                + "reference (Kassenzeichen) SN-2024-000815. Once the payment has been received, you can apply again."),
                english);
        assertTrue(english.contains(german), "the Land's own note follows in German");
    }

    @Test
    void severalArrearsAreSummedWithAllKassenzeichen() throws Exception {
        admin("POST", "/admin/debtors", "name=Gustav+Gebührenschuld&dateOfBirth=1975-05-05&amount=12.60"
                + "&kassenzeichen=SN-2025-000042&glaeubiger=Stadt+Chemnitz%2C+Stadtkasse");

        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class,
                connector.query(query(new Holder("GUSTAV  gebührenschuld", null, null, null, null), false)));

        assertEquals(new BigDecimal("100.00"), found.amount());
        assertEquals("SN-2024-000815, SN-2025-000042", found.reference());
        assertTrue(found.settlement().get(Locale.ENGLISH).startsWith("Please pay EUR 87.40 to Landratsamt Erzgebirgskreis, "
                + "Kreiskasse quoting the reference (Kassenzeichen) SN-2024-000815, and EUR 12.60 to Stadt Chemnitz, "
                + "Stadtkasse quoting the reference (Kassenzeichen) SN-2025-000042."), found.settlement().get(Locale.ENGLISH));
    }

    @Test
    void theRequestIsAValid0102ForTheSimulator() throws Exception {
        // holders with and without address, an organisation: all accepted, none answered with a fault
        connector.query(query(new Holder("Nur Name", null, null, null, null), false));
        connector.query(query(MUSTER_GMBH, true));
        connector.query(query(GUSTAV, false));
        assertEquals("{\"requests\":3,\"answered\":3,\"faults\":0}", admin("GET", "/admin/requests", null));
    }

    // --- failures ---

    @Test
    void aMalformedAnswerIsAnExceptionAndNotRetried() throws Exception {
        mode("malformed");

        ConnectorUnavailableException e = assertThrows(MalformedAnswerException.class,
                () -> connector.query(query(ERIKA, false)));

        assertTrue(e.getMessage().startsWith(SachsenGebuehrenConnector.NAME + ": the answer is not well-formed XML"),
                e.getMessage());
        assertEquals(1, requestsReceived(), "asking again would get the same answer");
        assertEquals(ConnectorHealth.State.DEGRADED, connector.health().state());
        assertNothingPersonalOrSecret(connector.health().lastError());
    }

    @Test
    void noAnswerInTimeIsUnavailable() throws Exception {
        connector.stop();
        connector = connector(Resilience.Settings.ofMillis(300, 1, 10, 5, 60_000));
        mode("slow");

        long start = System.nanoTime();
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(query(GUSTAV, false)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertFalse(e instanceof MalformedAnswerException);
        assertTrue(millis < 2500, "bounded by two attempts of 300 ms, took " + millis);
        assertTrue(e.getMessage().contains("300 ms") || e.getMessage().contains("HttpTimeoutException"), e.getMessage());
        assertEquals(2, requestsReceived(), "one retry");
        assertNothingPersonalOrSecret(e.getMessage());
    }

    @Test
    void anUnavailableServiceIsUnavailableAfterRetries() throws Exception {
        mode("unavailable");

        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(query(GUSTAV, false)));

        assertFalse(e instanceof MalformedAnswerException);
        assertEquals(SachsenGebuehrenConnector.NAME + ": the Land's service answered a SOAP Fault soap:Server (HTTP 503)",
                e.getMessage());
        assertEquals(3, requestsReceived(), "the first attempt and two retries");
        assertEquals(1, connector.health().failures());

        mode("normal");
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(GUSTAV, false)));
        assertEquals(ConnectorHealth.State.UP, connector.health().state());
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndCallsThenFailFast() throws Exception {
        connector.stop();
        connector = connector(Resilience.Settings.ofMillis(2000, 0, 10, 3, 60_000));
        mode("unavailable");
        for (int i = 0; i < 3; i++) {
            assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(GUSTAV, false)));
        }
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertEquals("OPEN", health.circuit());
        assertEquals(3, requestsReceived());

        mode("normal"); // the Land is back, but the circuit stays open for its pause
        long start = System.nanoTime();
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(query(GUSTAV, false)));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 500, "fails fast");
        assertTrue(e.getMessage().contains("circuit open"), e.getMessage());
        assertEquals(3, requestsReceived(), "the open circuit did not call the Land");
        assertEquals(4, connector.health().failures());
    }

    @Test
    void aRequestTheServiceRefusesAsInvalidIsUnavailableAndNotSentAgain() throws Exception {
        ArrearsQuery tooLong = query(new Holder("x".repeat(300), null, null, null, null), false);
        long before = requestsReceived();

        ConnectorUnavailableException e = assertThrows(MalformedAnswerException.class, () -> connector.query(tooLong));

        assertEquals(SachsenGebuehrenConnector.NAME + ": the Land's service refused the request: SOAP Fault soap:Client (HTTP 500)",
                e.getMessage());
        assertEquals(before + 1, requestsReceived(), "a Client fault is not retried");
    }

    @Test
    void neitherSecretsNorPersonalDataReachMessagesOrHealth() throws Exception {
        connector.stop();
        SachsenGebuehrenConnector.Settings settings = new SachsenGebuehrenConnector.Settings(URI.create(endpoint()),
                "portal", PASSWORD, new TlsSettings("", "", "", ""), Resilience.Settings.ofMillis(2000, 0, 10, 5, 60_000));
        connector = new SachsenGebuehrenConnector(settings, Clock.systemUTC());
        assertFalse(settings.toString().contains(PASSWORD), settings.toString());

        for (String mode : new String[] {"unavailable", "malformed"}) {
            mode(mode);
            ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                    () -> connector.query(query(GUSTAV, false)));
            assertNothingPersonalOrSecret(e.getMessage());
            assertNothingPersonalOrSecret(String.valueOf(e.getCause()));
        }
        ConnectorHealth health = connector.health();
        assertNothingPersonalOrSecret(health.toString());
        assertEquals(endpoint(), health.endpoint());
        assertEquals(SachsenGebuehrenConnector.NAME, health.name());

        mode("normal"); // credentials are sent, and the simulator answers as usual
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(query(GUSTAV, false)));
    }

    @Test
    void anEndpointWithCredentialsIsRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SachsenGebuehrenConnector.Settings
                .of("https://portal:" + PASSWORD + "@xkfz.sachsen.example/gebuehren", Resilience.Settings.defaults()));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SachsenGebuehrenConnector.Settings.of("ftp://xkfz.sachsen.example/", Resilience.Settings.defaults()));
        assertEquals("https://xkfz.sachsen.example:8443/xkfz/gebuehren", SachsenGebuehrenConnector.Settings
                .of("https://xkfz.sachsen.example:8443/xkfz/gebuehren?debug=1", Resilience.Settings.defaults()).shownEndpoint());
    }

    @Test
    void unreadableTlsStoresMakeTheConnectorDownWithoutShowingPasswords() {
        SachsenGebuehrenConnector.Settings settings = new SachsenGebuehrenConnector.Settings(URI.create("https://xkfz.sachsen.example/"),
                "", "", new TlsSettings(dir.resolve("missing.p12").toString(), PASSWORD, "", ""), Resilience.Settings.defaults());
        SachsenGebuehrenConnector broken = new SachsenGebuehrenConnector(settings, Clock.systemUTC());

        ConnectorHealth health = broken.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertTrue(health.lastError().contains("missing.p12"), health.lastError());
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> broken.query(query(GUSTAV, false)));
        assertNothingPersonalOrSecret(e.getMessage());
        assertNothingPersonalOrSecret(health.toString());
        broken.stop();
    }

    @Test
    void anotherLandIsNotAsked() throws Exception {
        ArrearsQuery bavarian = new ArrearsQuery(UUID.randomUUID(), "M", Land.BY, GUSTAV, false, LocalDate.of(2025, 3, 1));
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(bavarian));
        assertEquals(0, requestsReceived());
    }

    @Test
    void stoppingUnderTrafficEndsTheCallInFlightAndLaterCalls() throws Exception {
        mode("slow");
        CompletableFuture<ArrearsAnswer> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return connector.query(query(GUSTAV, false));
            } catch (ConnectorUnavailableException e) {
                throw new IllegalStateException(e);
            }
        });
        while (requestsReceived() == 0) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        connector.stop();

        Exception e = assertThrows(Exception.class, () -> inFlight.get(1500, TimeUnit.MILLISECONDS));
        assertInstanceOf(ConnectorUnavailableException.class, e.getCause().getCause(), String.valueOf(e));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500);
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(GUSTAV, false)));
    }
}

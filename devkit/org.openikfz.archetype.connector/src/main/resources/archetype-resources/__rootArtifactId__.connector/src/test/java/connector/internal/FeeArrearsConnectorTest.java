package ${package}.connector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
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
import ${package}.simulator.internal.SimulatedFeeSystem;

/** The connector against its simulator: what the Land's system can answer, and what it can fail to. */
class FeeArrearsConnectorTest {

    private static final String API_KEY = "test-api-key-4711";
    private static final Holder HANNA = new Holder("Hanna Hinweis", "Markt 1", "09456", "Annaberg-Buchholz", LocalDate.of(1990, 9, 9));
    private static final Holder ERIKA = new Holder("Erika Mustermann", "Heidestraße 17", "09456", "Annaberg-Buchholz", LocalDate.of(1964, 8, 12));

    @TempDir
    Path dir;
    private SimulatedFeeSystem simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = new SimulatedFeeSystem(dir, "127.0.0.1", 0, 3000, API_KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** A connector with the given timeout, retries and failure threshold and the API key. */
    private FeeArrearsConnector connector(long timeoutMs, int retries, int failureThreshold, String apiKey) throws Exception {
        return new FeeArrearsConnector(new FeeArrearsConnector.Settings(
                URI.create("http://127.0.0.1:" + simulator.port() + "/gebuehren/v1/rueckstand"), apiKey, TlsSettings.none(),
                Resilience.Settings.ofMillis(timeoutMs, retries, 10, failureThreshold, 60_000)));
    }

    private FeeArrearsConnector connector() throws Exception {
        return connector(1000, 1, 5, API_KEY);
    }

    private static ArrearsQuery query(Holder holder) {
        return new ArrearsQuery(UUID.randomUUID(), "ERZ", Land.${land}, holder, false, LocalDate.now());
    }

    @Test
    void aHolderWithoutArrearsIsClear() throws Exception {
        assertInstanceOf(ArrearsAnswer.Clear.class, connector().query(query(ERIKA)));
    }

    @Test
    void theSeedDebtorHasArrearsWithAmountReferenceAndHowToPay() throws Exception {
        ArrearsAnswer answer = connector().query(query(HANNA));
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class, answer);
        assertEquals(new BigDecimal("45.60"), found.amount());
        assertEquals("${land}-2025-004711", found.reference());
        String german = found.settlement().get(Locale.GERMAN);
        assertTrue(german.contains("Landeskasse ${landName}") && german.contains("${land}-2025-004711"), german);
        assertTrue(found.settlement().get(Locale.ENGLISH).contains("Please transfer"), found.settlement().toString());
    }

    @Test
    void theSameNameWithAnotherDateOfBirthIsClear() throws Exception {
        Holder namesake = new Holder("Hanna Hinweis", "Markt 1", "09456", "Annaberg-Buchholz", LocalDate.of(1991, 1, 1));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector().query(query(namesake)));
    }

    @Test
    void aDebtorAddedThroughTheAdminApiHasArrears() throws Exception {
        HttpResponse<String> added = admin("/gebuehren/admin/debtors", "name=Erika+Mustermann&dateOfBirth=1964-08-12&amount=12.30");
        assertEquals(201, added.statusCode(), added.body());
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class, connector().query(query(ERIKA)));
        assertEquals(new BigDecimal("12.30"), found.amount());
        assertEquals(422, admin("/gebuehren/admin/debtors", "name=&amount=1").statusCode());
        assertEquals(422, admin("/gebuehren/admin/mode", "mode=sometimes").statusCode());
    }

    @Test
    void aMalformedAnswerIsNoAnswer() throws Exception {
        mode("malformed");
        assertThrows(MalformedAnswerException.class, () -> connector().query(query(ERIKA)));
    }

    @Test
    void noAnswerWithinTheTimeoutIsNoAnswer() throws Exception {
        mode("slow");
        FeeArrearsConnector connector = connector(300, 0, 5, API_KEY);
        long start = System.nanoTime();
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(HANNA)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "bounded waiting: " + millis + " ms");
    }

    @Test
    void anUnavailableSystemIsNoAnswer() throws Exception {
        mode("unavailable");
        FeeArrearsConnector connector = connector();
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertFalse(e instanceof MalformedAnswerException, "a 503 is worth retrying");
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertEquals(ConnectorHealth.State.DEGRADED, connector.health().state());
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndCallsFailAtOnce() throws Exception {
        mode("unavailable");
        FeeArrearsConnector connector = connector(1000, 0, 2, API_KEY);
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        mode("normal");
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(ERIKA)));
        assertTrue(e.getMessage().contains("circuit open"), e.getMessage());
        assertEquals(ConnectorHealth.State.DOWN, connector.health().state());
        assertEquals("OPEN", connector.health().circuit());
    }

    @Test
    void aWrongApiKeyIsRefusedAndNoSecretIsShown() throws Exception {
        String wrong = "wrong-key-0815";
        FeeArrearsConnector connector = connector(1000, 1, 5, wrong);
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class, () -> connector.query(query(HANNA)));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        ConnectorHealth health = connector.health();
        for (String shown : new String[] {e.getMessage(), String.valueOf(health)}) {
            assertFalse(shown.contains(wrong) || shown.contains(API_KEY), "no secret: " + shown);
            // the date of birth as a date, not its year: the health's timestamps may hold "1990" among their digits
            assertFalse(shown.contains("Hanna") || shown.contains("1990-09-09") || shown.contains("09.09.1990"), "no personal data: " + shown);
        }
    }

    private void mode(String mode) throws Exception {
        HttpResponse<String> response = admin("/gebuehren/admin/mode", "mode=" + mode);
        assertEquals(200, response.statusCode(), response.body());
    }

    private HttpResponse<String> admin(String path, String form) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}

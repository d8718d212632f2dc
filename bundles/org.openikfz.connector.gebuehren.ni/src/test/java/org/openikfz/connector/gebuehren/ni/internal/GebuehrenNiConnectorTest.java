package org.openikfz.connector.gebuehren.ni.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;
import org.openikfz.simulator.gebuehren.ni.internal.GebuehrenNiSimulator;

/** The connector against the files the Land's simulator exports. */
class GebuehrenNiConnectorTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final Holder NORBERT = new Holder("Norbert Nachzahlung", "Musterweg 1", "30159", "Hannover",
            LocalDate.of(1968, 6, 6));
    private static final Holder ERIKA = new Holder("Erika Mustermann", "Heidestraße 17", "51147", "Köln",
            LocalDate.of(1964, 8, 12));

    @TempDir
    Path tmp;
    private Path home;
    private Path importDir;
    private Path dataDir;
    private final MutableClock clock = new MutableClock(NOW);
    private GebuehrenNiSimulator land;
    private final List<GebuehrenNiConnector> connectors = new ArrayList<>();

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return BERLIN;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        importDir = home.resolve("data/import/gebuehren-ni");
        dataDir = home.resolve("data/gebuehren-ni");
    }

    @AfterEach
    void tearDown() {
        connectors.forEach(GebuehrenNiConnector::stop);
        if (land != null) {
            land.stop();
        }
    }

    /** The Land's export; its own records (clear names: the Land's business) lie outside the portal's home. */
    private GebuehrenNiSimulator land() throws IOException {
        land = new GebuehrenNiSimulator("127.0.0.1", 0, importDir, tmp.resolve("land"), 86400, clock);
        return land;
    }

    private GebuehrenNiConnector connector() throws IOException {
        GebuehrenNiConnector connector = new GebuehrenNiConnector(importDir, dataDir, 60, 14, clock, false);
        connectors.add(connector);
        return connector;
    }

    private static ArrearsQuery person(Holder holder, LocalDate today) {
        return new ArrearsQuery(UUID.randomUUID(), "03241001", Land.NI, holder, false, today);
    }

    private static ArrearsQuery organisation(String name, String plz) {
        return new ArrearsQuery(UUID.randomUUID(), "03241001", Land.NI, new Holder(name, "Am Hafen 3", plz,
                "Hannover", null), true, TODAY);
    }

    // --- answers ---

    @Test
    void someoneNotOnTheListIsClear() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(person(ERIKA, TODAY)));
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.UP, health.state());
        assertEquals("Gebührenrückstand Niedersachsen (Schuldnerliste, Stand 2025-06-01, 1 Eintrag)", health.name());
        assertEquals(importDir.toString(), health.endpoint());
        assertNull(health.lastError());
        assertEquals(NOW, health.lastSuccess());
    }

    @Test
    void aDebtorOnTheListHasArrearsWithAmountReferenceAndHowToPay() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class,
                connector.query(person(NORBERT, TODAY)));
        assertEquals(new BigDecimal("120.00"), found.amount());
        assertEquals("NI-2025-000042", found.reference());
        String german = found.settlement().get(Locale.GERMAN);
        String english = found.settlement().get(Locale.ENGLISH);
        assertTrue(german.contains("120,00 € an Landkreis Musterland, Kreiskasse, Kassenzeichen NI-2025-000042"), german);
        assertTrue(german.contains("überweisen") && german.contains("Stand 01.06.2025"), german);
        assertTrue(english.contains("EUR 120.00 to Landkreis Musterland, Kreiskasse") && english.contains("NI-2025-000042")
                && english.contains("transfer"), english);
        assertFalse(german.contains("Norbert") || english.contains("Norbert"), "the text does not repeat the name");
    }

    @Test
    void namesAreComparedNormalisedButTheDateOfBirthMustMatch() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        Holder shouted = new Holder("  NORBERT \t nachzahlung ", null, null, null, LocalDate.of(1968, 6, 6));
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(person(shouted, TODAY)));
        Holder namesake = new Holder("Norbert Nachzahlung", null, null, null, LocalDate.of(1968, 6, 7));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(person(namesake, TODAY)));
    }

    @Test
    void anOrganisationIsFoundByNameAndPlz() throws Exception {
        land();
        post("/admin/debtors", "name=S%C3%A4umig+Bau+GmbH&plz=30159&amount=980.50&kassenzeichen=NI-2025-000077"
                + "&glaeubiger=Region+Hannover%2C+Kasse");
        post("/admin/export", "");
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        String decomposed = Normalizer.normalize("säumig bau gmbh", Normalizer.Form.NFD);
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class,
                connector.query(organisation(decomposed, "30159")));
        assertEquals(new BigDecimal("980.50"), found.amount());
        assertEquals("NI-2025-000077", found.reference());
        assertTrue(found.settlement().get(Locale.GERMAN).contains("Region Hannover, Kasse"));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(organisation("Säumig Bau GmbH", "30161")));
        ConnectorUnavailableException noPlz = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(organisation("Säumig Bau GmbH", null)));
        assertFalse(noPlz.getMessage().contains("Säumig"), noPlz.getMessage());
    }

    @Test
    void aPersonWithoutDateOfBirthGoesToTheClerks() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        Holder noDate = new Holder("Norbert Nachzahlung", null, "30159", null, null);
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(person(noDate, TODAY)));
        assertFalse(e.getMessage().contains("Norbert"), e.getMessage());
    }

    // --- broken deliveries ---

    @ParameterizedTest
    @CsvSource({"truncated, the file ends without the #ende line", "baddate, geburtsdatum is not an ISO date",
            "count, the trailer counts 3 debtors, the file holds 2"})
    void aBrokenFileKeepsThePreviousListAndIsDeleted(String broken, String reason) throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();
        post("/admin/debtors", "name=Gustav+Gebuehr&dateOfBirth=1975-01-02&amount=33.10&kassenzeichen=NI-2025-000099");
        String file = field(post("/admin/export?broken=" + broken, ""), "file");
        assertTrue(Files.exists(importDir.resolve(file)));

        connector.importNow();

        assertFalse(Files.exists(importDir.resolve(file)), "the broken file is gone");
        assertFalse(Files.exists(importDir.resolve(file + ".rejected")));
        try (Stream<Path> left = Files.list(importDir)) {
            assertEquals(List.of(), left.toList(), "nothing with clear names is left in the import directory");
        }
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DEGRADED, health.state());
        assertTrue(health.lastError().contains("rejected " + file + ": line "), health.lastError());
        assertTrue(health.lastError().contains(reason), health.lastError());
        assertTrue(health.lastError().contains("the list of Stand 2025-06-01 stays in force"), health.lastError());
        // the file's name holds its export time (…T011975123…), whose digits may spell a year: looked at without it
        String shown = health.lastError().replace(file, "<file>");
        assertFalse(shown.contains("Gustav") || shown.contains("Norbert") || shown.contains("1968") || shown.contains("1975"), shown);
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(person(NORBERT, TODAY)), "the old list answers");
        Holder gustav = new Holder("Gustav Gebuehr", null, null, null, LocalDate.of(1975, 1, 2));
        assertInstanceOf(ArrearsAnswer.Clear.class, connector.query(person(gustav, TODAY)), "not yet on the old list");

        post("/admin/export", ""); // the Land delivers again, intact
        connector.importNow();

        assertEquals(ConnectorHealth.State.UP, connector.health().state());
        assertNull(connector.health().lastError());
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(person(gustav, TODAY)));
    }

    @Test
    void aBrokenFileWithoutAnyListInForceLeavesTheConnectorDown() throws Exception {
        land();
        try (Stream<Path> start = Files.list(importDir)) { // the start export: the Land's first list never arrived
            start.forEach(p -> p.toFile().delete());
        }
        post("/admin/export?broken=truncated", "");
        GebuehrenNiConnector connector = connector();

        connector.importNow();

        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertTrue(health.lastError().contains("no list is in force"), health.lastError());
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(person(ERIKA, TODAY)));
    }

    @Test
    void noClearNameIsLeftAnywhereUnderTheDataDirectory() throws Exception {
        land();
        post("/admin/debtors", "name=S%C3%A4umig+Bau+GmbH&plz=30159&amount=980.50");
        post("/admin/export?broken=baddate", "");
        post("/admin/export", "");
        GebuehrenNiConnector connector = connector();
        connector.importNow();
        post("/admin/export?broken=count", "");
        connector.importNow();
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(person(NORBERT, TODAY)));

        List<Path> files;
        try (Stream<Path> all = Files.walk(home.resolve("data"))) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.contains(dataDir.resolve("debtors.tsv")) && files.contains(dataDir.resolve("hash.key")),
                files.toString());
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            for (String personal : List.of("norbert", "nachzahlung", "säumig", "saumig", "1968-06-06", "06.06.1968")) {
                assertFalse(content.contains(personal), file + " contains " + personal);
            }
        }
        String store = Files.readString(dataDir.resolve("debtors.tsv"));
        assertTrue(store.contains("\t120.00\tNI-2025-000042\tLandkreis Musterland, Kreiskasse\n"), store);
        assertTrue(store.contains("#stand\t2025-06-01\n") && store.contains("#count\t2\n"), store);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("hash.key"))));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("debtors.tsv"))));
    }

    // --- no current list ---

    @Test
    void aListOlderThanMaxAgeDaysNoLongerAnswers() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        clock.set(NOW.plus(Duration.ofDays(14)));
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(person(NORBERT, TODAY.plusDays(14))));
        assertEquals(ConnectorHealth.State.UP, connector.health().state());

        clock.set(NOW.plus(Duration.ofDays(15)));
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(person(ERIKA, TODAY.plusDays(15))));
        assertTrue(e.getMessage().contains("older than 14 days"), e.getMessage());
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertTrue(health.lastError().contains("Stand 2025-06-01"), health.lastError());
        assertEquals(2, health.calls());
        assertEquals(1, health.failures());
    }

    @Test
    void withoutAListEveryQueryGoesToTheClerks() throws Exception {
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector.query(person(ERIKA, TODAY)));
        assertTrue(e.getMessage().startsWith("Gebührenrückstand Niedersachsen (Schuldnerliste): no debtor list"),
                e.getMessage());
        ConnectorHealth health = connector.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertEquals("Gebührenrückstand Niedersachsen (Schuldnerliste)", health.name());
        assertTrue(health.lastError().contains("no debtor list in force"), health.lastError());
    }

    @Test
    void aStandInTheFutureOrOlderThanTheListInForceIsRejected() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();

        Files.writeString(importDir.resolve("schuldner-x1.csv"), DeliveryParser.HEADER + "\n#ende;0;2025-06-02\n");
        connector.importNow();
        assertTrue(connector.health().lastError().contains("line 2: the Stand 2025-06-02 lies in the future"),
                connector.health().lastError());

        Files.writeString(importDir.resolve("schuldner-x2.csv"), DeliveryParser.HEADER + "\n#ende;0;2025-05-31\n");
        connector.importNow();
        assertTrue(connector.health().lastError().contains("older than that of the list in force (2025-06-01)"),
                connector.health().lastError());
        assertInstanceOf(ArrearsAnswer.Found.class, connector.query(person(NORBERT, TODAY)));
        assertFalse(Files.exists(importDir.resolve("schuldner-x1.csv")) || Files.exists(importDir.resolve("schuldner-x2.csv")));
    }

    // --- several files, restarts ---

    @Test
    void ofSeveralWaitingFilesTheNewestIsImportedAndAllAreDeleted() throws Exception {
        land();
        post("/admin/debtors", "name=Zweite+Person&dateOfBirth=1980-01-02&amount=5");
        post("/admin/export", "");
        post("/admin/debtors", "name=Dritte+Person&dateOfBirth=1981-01-02&amount=6");
        post("/admin/export", "");
        GebuehrenNiConnector connector = connector();

        DebtorList list = connector.importNow();

        assertEquals(3, list.count());
        assertEquals(lastExport(), list.source());
        try (Stream<Path> left = Files.list(importDir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aBrokenNewestFileFallsBackToTheNextWaitingOne() throws Exception {
        land(); // its start export: the seed
        post("/admin/debtors", "name=Zweite+Person&dateOfBirth=1980-01-02&amount=5");
        post("/admin/export", "");
        post("/admin/export?broken=truncated", "");
        GebuehrenNiConnector connector = connector();

        DebtorList list = connector.importNow();

        assertEquals(2, list.count(), "the newest intact delivery is in force");
        assertEquals(ConnectorHealth.State.DEGRADED, connector.health().state(), "the rejection is shown");
        try (Stream<Path> left = Files.list(importDir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void theStoredListAnswersAfterARestart() throws Exception {
        land();
        connector().importNow();
        land.stop();
        land = null;

        GebuehrenNiConnector restarted = connector();

        assertInstanceOf(ArrearsAnswer.Found.class, restarted.query(person(NORBERT, TODAY)));
        assertEquals(ConnectorHealth.State.UP, restarted.health().state());
    }

    @Test
    void aStoreMadeWithAnotherKeyIsNotUsedRatherThanAnsweringClear() throws Exception {
        land();
        connector().importNow();
        Files.delete(dataDir.resolve("hash.key"));

        GebuehrenNiConnector restarted = connector();

        assertThrows(ConnectorUnavailableException.class, () -> restarted.query(person(NORBERT, TODAY)));
        ConnectorHealth health = restarted.health();
        assertEquals(ConnectorHealth.State.DOWN, health.state());
        assertTrue(health.lastError().contains("another hash key"), health.lastError());
    }

    // --- concurrency and lifecycle ---

    @Test
    void reImportReplacesTheListAtomicallyWhileQueriesRun() throws Exception {
        land();
        GebuehrenNiConnector connector = connector();
        connector.importNow();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answers = new AtomicInteger();
        AtomicReference<Object> wrong = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                try {
                    if (!(connector.query(person(NORBERT, TODAY)) instanceof ArrearsAnswer.Found)) {
                        wrong.compareAndSet(null, "answered clear during a re-import");
                    }
                    answers.incrementAndGet();
                } catch (ConnectorUnavailableException | RuntimeException e) {
                    wrong.compareAndSet(null, e);
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 25; i++) {
                post("/admin/debtors", "name=Person+" + i + "&dateOfBirth=1970-01-01&amount=1." + i);
                post("/admin/export", "");
                assertEquals(i + 2, connector.importNow().count());
            }
        } finally {
            running.set(false);
            reader.join(10_000);
        }
        assertNull(wrong.get());
        assertTrue(answers.get() > 25, "the reader ran throughout: " + answers.get());
    }

    @Test
    void theScheduledImportRunsAtActivationAndStopEndsItsThread() throws Exception {
        land();
        GebuehrenNiConnector connector = new GebuehrenNiConnector(importDir, dataDir, 3600, 14, clock, true);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connector.health().state() != ConnectorHealth.State.UP && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(ConnectorHealth.State.UP, connector.health().state());
            assertTrue(threadAlive(), "the import thread runs");
        } finally {
            connector.stop();
        }
        assertFalse(threadAlive(), "no import thread after stop");
    }

    @Test
    void theImportDirectoryIsResolvedAgainstTheHome() {
        Path h = Path.of("/opt/ikfz");
        assertEquals(Path.of("/opt/ikfz/data/import/gebuehren-ni"),
                GebuehrenNiConnector.resolve("${openikfz.home}/data/import/gebuehren-ni", h));
        assertEquals(Path.of("/opt/ikfz/inbox"), GebuehrenNiConnector.resolve("inbox", h));
        assertEquals(Path.of("/srv/inbox"), GebuehrenNiConnector.resolve("/srv/inbox", h));
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(GebuehrenNiConnector.THREAD));
    }

    // --- the simulator's admin API ---

    private String lastExport() throws IOException {
        String body = get("/admin/exports");
        int end = body.lastIndexOf('"');
        return body.substring(body.lastIndexOf('"', end - 1) + 1, end);
    }

    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key);
        assertTrue(start >= 0, json);
        start += key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    private String get(String path) throws IOException {
        return call("GET", path, null);
    }

    private String post(String path, String form) throws IOException {
        return call("POST", path, form);
    }

    private String call(String method, String path, String form) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(land.baseUrl() + path).toURL().openConnection();
        c.setRequestMethod(method);
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = c.getOutputStream()) {
                out.write(form.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(status < 300, method + " " + path + " → " + status + " " + body);
            return body;
        } finally {
            c.disconnect();
        }
    }
}

package org.openikfz.simulator.gebuehren.ni.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GebuehrenNiSimulatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T08:00:00Z"), ZoneId.of("Europe/Berlin"));

    @TempDir
    Path dir;
    private Path exportDir;
    private GebuehrenNiSimulator simulator;

    /** An HTTP answer. */
    record Response(int statusCode, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        exportDir = dir.resolve("import");
        simulator = new GebuehrenNiSimulator("127.0.0.1", 0, exportDir, dir.resolve("data"), 86400, CLOCK);
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    @Test
    void writesOneExportAtStartWithTheSeedDebtor() throws IOException {
        List<Path> files = exports();
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().matches("schuldner-20250601T100000000\\.csv"),
                files.toString());
        assertEquals("""
                name;geburtsdatum;plz;betrag;kassenzeichen;glaeubiger
                Norbert Nachzahlung;1968-06-06;;120.00;NI-2025-000042;Landkreis Musterland, Kreiskasse
                #ende;1;2025-06-01
                """, Files.readString(files.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void noFurtherExportAtStartWhileOneIsWaiting() throws IOException {
        simulator.stop();
        simulator = new GebuehrenNiSimulator("127.0.0.1", 0, exportDir, dir.resolve("data"), 86400, CLOCK);

        assertEquals(1, exports().size());
        assertEquals(List.of(), simulator.exports());
    }

    @Test
    void addedDebtorsAreExportedAndTheFileNamesListed() throws Exception {
        assertEquals(201, post("/admin/debtors", "name=S%C3%A4umig+Bau+GmbH&plz=30159&amount=980,50"
                + "&kassenzeichen=NI-2025-000077&glaeubiger=Region+Hannover%2C+Kasse").statusCode());
        Response list = get("/admin/debtors");
        assertTrue(list.body().contains("\"name\":\"Säumig Bau GmbH\",\"dateOfBirth\":null,\"plz\":\"30159\","
                + "\"amount\":\"980.50\""), list.body());

        Response export = post("/admin/export", "");
        assertEquals(201, export.statusCode());
        String name = export.body().replaceAll(".*\"file\":\"([^\"]+)\".*", "$1");
        String content = Files.readString(exportDir.resolve(name), StandardCharsets.UTF_8);
        assertTrue(content.contains("\nSäumig Bau GmbH;;30159;980.50;NI-2025-000077;Region Hannover, Kasse\n"), content);
        assertTrue(content.endsWith("#ende;2;2025-06-01\n"), content);

        Response names = get("/admin/exports");
        assertTrue(names.body().startsWith("[\"schuldner-") && names.body().contains("\"" + name + "\""), names.body());
        assertEquals(2, exports().size(), "names are unique even within one millisecond of a fixed clock");
        try (Stream<Path> all = Files.list(exportDir)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file remains");
        }
    }

    @Test
    void aBrokenExportIsWrittenOnRequest() throws Exception {
        Response export = post("/admin/export?broken=truncated", "");
        assertEquals(201, export.statusCode());
        String name = export.body().replaceAll(".*\"file\":\"([^\"]+)\".*", "$1");
        assertFalse(Files.readString(exportDir.resolve(name)).contains("#ende"));

        assertEquals(422, post("/admin/export?broken=nonsense", "").statusCode());
    }

    @Test
    void badInputIsAnsweredWith422() throws Exception {
        Response noPlz = post("/admin/debtors", "name=Firma&amount=10");
        assertEquals(422, noPlz.statusCode());
        assertTrue(noPlz.body().startsWith("{\"error\":"), noPlz.body());
        assertEquals(422, post("/admin/debtors", "name=A&dateOfBirth=06.06.1968&amount=10").statusCode());
        assertEquals(422, post("/admin/debtors", "name=A;B&dateOfBirth=1968-06-06&amount=10").statusCode());
        assertEquals(422, post("/admin/debtors", "name=A&dateOfBirth=1968-06-06&amount=-3").statusCode());
        assertEquals(1, simulator.register().all().size());
    }

    @Test
    void theDebtorsSurviveARestart() throws Exception {
        post("/admin/debtors", "name=Zweite+Person&dateOfBirth=1980-01-02&amount=5");
        simulator.stop();
        simulator = new GebuehrenNiSimulator("127.0.0.1", 0, exportDir, dir.resolve("data"), 86400, CLOCK);

        assertEquals(2, simulator.register().all().size());
    }

    @Test
    void stopEndsItsThreads() throws Exception {
        simulator.stop();
        Thread.sleep(100);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("openikfz-simulator-gebuehren-ni")));
    }

    @Test
    void homeIsResolved() {
        Path home = Path.of("/opt/ikfz");
        assertEquals(Path.of("/opt/ikfz/data/import/gebuehren-ni"),
                GebuehrenNiSimulator.resolve("${openikfz.home}/data/import/gebuehren-ni", home));
        assertEquals(Path.of("/opt/ikfz/in"), GebuehrenNiSimulator.resolve("in", home));
        assertEquals(Path.of("/srv/in"), GebuehrenNiSimulator.resolve("/srv/in", home));
    }

    private List<Path> exports() throws IOException {
        try (Stream<Path> files = Files.list(exportDir)) {
            return files.filter(p -> p.getFileName().toString().matches("schuldner-.*\\.csv")).sorted().toList();
        }
    }

    private Response get(String path) throws IOException {
        return call("GET", path, null);
    }

    private Response post(String path, String form) throws IOException {
        return call("POST", path, form);
    }

    private Response call(String method, String path, String form) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(simulator.baseUrl() + path).toURL().openConnection();
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
            return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }
}

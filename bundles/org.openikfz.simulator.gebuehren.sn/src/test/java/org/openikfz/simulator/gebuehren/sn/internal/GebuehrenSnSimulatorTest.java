package org.openikfz.simulator.gebuehren.sn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The simulated Land Sachsen over HTTP: matching, persistence, faults, modes and the admin API. */
class GebuehrenSnSimulatorTest {

    static final String NS = XkfzGebuehren.NS;

    @TempDir
    Path dir;
    GebuehrenSnSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = new GebuehrenSnSimulator(dir, "127.0.0.1", 0, 2000);
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    // --- requests and answers ---

    static String request(UUID id, String person) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<x:gebuehren.rueckstandsanfrage.0102 xmlns:x=\"" + NS + "\">"
                + "<x:nachrichtenkopf><x:nachrichtenUUID>" + id + "</x:nachrichtenUUID>"
                + "<x:erstellungszeitpunkt>2025-03-01T09:30:00+01:00</x:erstellungszeitpunkt>"
                + "<x:autor>14521000</x:autor><x:leser>SN</x:leser></x:nachrichtenkopf>"
                + "<x:person>" + person + "</x:person>"
                + "</x:gebuehren.rueckstandsanfrage.0102></soapenv:Body></soapenv:Envelope>";
    }

    static String person(String name, String birth, boolean organisation) {
        return "<x:name>" + name + "</x:name>" + (birth == null ? "" : "<x:geburtsdatum>" + birth + "</x:geburtsdatum>")
                + "<x:anschrift><x:strasse>Hauptstraße 1</x:strasse><x:plz>09456</x:plz><x:ort>Annaberg-Buchholz</x:ort></x:anschrift>"
                + "<x:organisation>" + organisation + "</x:organisation>";
    }

    record Answer(int status, String contentType, String body) {
        Document xml() throws Exception {
            return XkfzGebuehren.secureBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }

        String text(String localName) throws Exception {
            NodeList list = xml().getElementsByTagNameNS("*", localName);
            return list.getLength() == 0 ? null : list.item(0).getTextContent();
        }

        List<String> texts(String localName) throws Exception {
            NodeList list = xml().getElementsByTagNameNS(NS, localName);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.getLength(); i++) {
                out.add(list.item(i).getTextContent());
            }
            return out;
        }
    }

    Answer soap(String body) throws Exception {
        return call("POST", GebuehrenSnSimulator.ENDPOINT, "text/xml; charset=utf-8", body);
    }

    Answer get(String path) throws Exception {
        return call("GET", path, null, null);
    }

    Answer post(String path, String form) throws Exception {
        return call("POST", path, "application/x-www-form-urlencoded", form);
    }

    Answer call(String method, String path, String contentType, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri(path).toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, c.getContentType() == null ? "" : c.getContentType(), text);
        } finally {
            c.disconnect();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + simulator.port() + path);
    }

    // --- matching ---

    @Test
    void theSeedDebtorHasArrearsWithKassenzeichenCreditorAndPaymentNote() throws Exception {
        UUID id = UUID.randomUUID();
        Answer a = soap(request(id, person("Gustav Gebührenschuld", "1975-05-05", false)));

        assertEquals(200, a.status());
        assertTrue(a.contentType().startsWith("text/xml"), a.contentType());
        Element answer = a.xml().getDocumentElement();
        assertEquals(1, answer.getElementsByTagNameNS(NS, XkfzGebuehren.ANSWER).getLength());
        assertEquals(id.toString(), a.text("bezug"));
        assertEquals("14521000", a.text("leser"));
        assertEquals("SN", a.text("autor"));
        assertEquals("true", a.text("rueckstandVorhanden"));
        assertEquals(List.of("87.40"), a.texts("betrag"));
        assertEquals(List.of("SN-2024-000815"), a.texts("kassenzeichen"));
        assertEquals(List.of("Landratsamt Erzgebirgskreis, Kreiskasse"), a.texts("glaeubiger"));
        String hinweis = a.text("zahlungshinweis");
        assertTrue(hinweis.contains("87,40 €") && hinweis.contains("Landratsamt Erzgebirgskreis, Kreiskasse")
                && hinweis.contains("Kassenzeichens SN-2024-000815"), hinweis);
        assertNotNull(UUID.fromString(a.text("nachrichtenUUID")));
        assertFalse(a.text("nachrichtenUUID").equals(id.toString()), "the answer is a message of its own");
    }

    @Test
    void namesMatchIgnoringCaseAndWhiteSpaceAndDatesOfBirthWhenBothAreGiven() throws Exception {
        assertEquals("true", soap(request(UUID.randomUUID(), person("  gustav \n  GEBÜHRENSCHULD ", "1975-05-05", false)))
                .text("rueckstandVorhanden"));
        assertEquals("true", soap(request(UUID.randomUUID(), person("Gustav Gebührenschuld", null, false)))
                .text("rueckstandVorhanden"), "without a date of birth the name decides");
        assertEquals("true", soap(request(UUID.randomUUID(),
                "<x:vorname>Gustav</x:vorname><x:nachname>Gebührenschuld</x:nachname><x:organisation>false</x:organisation>"))
                .text("rueckstandVorhanden"), "vorname/nachname instead of name");
        assertEquals("false", soap(request(UUID.randomUUID(), person("Gustav Gebührenschuld", "1975-05-06", false)))
                .text("rueckstandVorhanden"), "another person of the same name");
        assertEquals("false", soap(request(UUID.randomUUID(), person("Gustav Gebührenschuldner", "1975-05-05", false)))
                .text("rueckstandVorhanden"));
    }

    @Test
    void theDemoPersonsAreClear() throws Exception {
        Answer erika = soap(request(UUID.randomUUID(), person("Erika Mustermann", "1964-08-12", false)));
        assertEquals("false", erika.text("rueckstandVorhanden"));
        assertEquals(List.of(), erika.texts("rueckstand"));
        assertEquals(null, erika.text("zahlungshinweis"));
        assertEquals("false", soap(request(UUID.randomUUID(), person("Max Mustermann", null, false))).text("rueckstandVorhanden"));
        assertEquals("false", soap(request(UUID.randomUUID(), person("Muster GmbH", null, true))).text("rueckstandVorhanden"));
    }

    @Test
    void debtorMatchingIgnoresUnicodeNormalisationForm() {
        Debtor d = DebtorRegister.SEED.get(0);
        assertTrue(d.matches(Normalizer.normalize("GUSTAV GEBÜHRENSCHULD", Normalizer.Form.NFD), LocalDate.of(1975, 5, 5)));
        assertFalse(d.matches("Gustav", null));
        assertFalse(d.matches(null, null));
    }

    // --- persistence and admin API ---

    @Test
    void aNewDirectoryStartsWithTheSeedWrittenToItsFile() throws Exception {
        Path file = dir.resolve("gebuehren-sn-debtors.tsv");
        assertTrue(Files.exists(file));
        String content = Files.readString(file);
        assertTrue(content.contains("Gustav Gebührenschuld\t1975-05-05\t87.40\tSN-2024-000815\t"
                + "Landratsamt Erzgebirgskreis, Kreiskasse\t2024-03-15"), content);
        Answer list = get("/admin/debtors");
        assertEquals(200, list.status());
        assertTrue(list.body().contains("\"kassenzeichen\":\"SN-2024-000815\""), list.body());
        assertTrue(list.body().contains("\"amount\":87.40"), list.body());
    }

    @Test
    void debtorsAddedOverTheAdminApiAreAnsweredAndSurviveARestart() throws Exception {
        Answer added = post("/admin/debtors", "name=Erna+Beispiel&dateOfBirth=1950-01-02&amount=12,30"
                + "&kassenzeichen=SN-2025-000001&glaeubiger=Stadt+Leipzig%2C+Stadtkasse");
        assertEquals(201, added.status(), added.body());
        post("/admin/debtors", "name=Erna+Beispiel&amount=5&kassenzeichen=SN-2025-000002&faelligSeit=2025-01-31");
        simulator.stop();

        simulator = new GebuehrenSnSimulator(dir, "127.0.0.1", 0, 2000);
        Answer a = soap(request(UUID.randomUUID(), person("erna beispiel", "1950-01-02", false)));
        assertEquals("true", a.text("rueckstandVorhanden"));
        assertEquals(List.of("12.30", "5.00"), a.texts("betrag"));
        assertEquals(List.of("SN-2025-000001", "SN-2025-000002"), a.texts("kassenzeichen"));
        assertEquals(List.of("Stadt Leipzig, Stadtkasse", DebtorRegister.DEFAULT_GLAEUBIGER), a.texts("glaeubiger"));
        assertEquals("2025-01-31", a.texts("faelligSeit").get(1));
        String hinweis = a.text("zahlungshinweis");
        assertTrue(hinweis.contains("12,30 € an Stadt Leipzig, Stadtkasse") && hinweis.contains("5,00 € an "
                + DebtorRegister.DEFAULT_GLAEUBIGER), hinweis);
        // the seed is still there, and the same Kassenzeichen replaces its entry
        post("/admin/debtors", "name=Erna+Beispiel&amount=7.00&kassenzeichen=SN-2025-000002");
        assertEquals(3, new DebtorRegister(dir).all().size());
        assertEquals(List.of("12.30", "7.00"), soap(request(UUID.randomUUID(), person("Erna Beispiel", null, false))).texts("betrag"));
    }

    @Test
    void invalidDebtorsAreRefusedWith422() throws Exception {
        for (String form : List.of("amount=5", "name=A+B", "name=A+B&amount=0", "name=A+B&amount=abc",
                "name=A+B&amount=1.234", "name=A+B&amount=5&dateOfBirth=1.1.1970", "name=A+B&amount=5&kassenzeichen=a+b")) {
            Answer a = post("/admin/debtors", form);
            assertEquals(422, a.status(), form);
            assertTrue(a.body().startsWith("{\"error\":"), a.body());
        }
        assertEquals(1, new DebtorRegister(dir).all().size(), "nothing was stored");
    }

    @Test
    void aFileLineThatIsNoDebtorIsSkipped() throws Exception {
        Files.writeString(dir.resolve("gebuehren-sn-debtors.tsv"), "# comment\nbroken line\n"
                + "Anna Probe\t\t10.00\tSN-1\tKasse\t2024-01-01\n");
        DebtorRegister register = new DebtorRegister(dir);
        assertEquals(1, register.all().size());
        assertEquals(new BigDecimal("10.00"), register.find("anna probe", LocalDate.of(1990, 1, 1)).get(0).amount());
    }

    // --- faults ---

    @Test
    void anInvalidRequestGetsASoapClientFaultWithHttp500() throws Exception {
        List<String> invalid = List.of(
                "not xml at all",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>&e;</soapenv:Body></soapenv:Envelope>",
                request(UUID.randomUUID(), person("Gustav Gebührenschuld", "1975-05-05", false)).replace("<x:nachrichtenUUID>", "<x:nachrichtenUUID>no-uuid"),
                request(UUID.randomUUID(), person("Gustav Gebührenschuld", "1975-05-05", false)).replace("<x:leser>SN", "<x:leser>BY"),
                request(UUID.randomUUID(), person("Gustav Gebührenschuld", "05.05.1975", false)),
                request(UUID.randomUUID(), "<x:organisation>false</x:organisation>"),
                request(UUID.randomUUID(), person("Gustav Gebührenschuld", null, false)).replace("<x:organisation>false", "<x:organisation>ja"),
                request(UUID.randomUUID(), person("Gustav Gebührenschuld", null, false)).replace("rueckstandsanfrage.0102", "rueckstandsanfrage.0199"),
                request(UUID.randomUUID(), person("Gustav Gebührenschuld", null, false)).replace(NS, "urn:other"));
        for (String body : invalid) {
            Answer a = soap(body);
            assertEquals(500, a.status(), body);
            assertTrue(a.contentType().startsWith("text/xml"));
            assertEquals("soap:Client", a.text("faultcode"), body);
            String faultstring = a.text("faultstring");
            assertFalse(faultstring.isBlank());
            assertFalse(faultstring.contains("Gustav") || faultstring.contains("root:"), faultstring);
        }
        assertEquals("{\"requests\":" + invalid.size() + ",\"answered\":0,\"faults\":" + invalid.size() + "}",
                get("/admin/requests").body());
    }

    @Test
    void soap12IsAVersionMismatch() throws Exception {
        Answer a = soap(request(UUID.randomUUID(), person("A B", null, false))
                .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"));
        assertEquals(500, a.status());
        assertEquals("soap:VersionMismatch", a.text("faultcode"));
    }

    @Test
    void onlyPostWithTextXmlIsAccepted() throws Exception {
        assertEquals(405, get(GebuehrenSnSimulator.ENDPOINT).status());
        Answer json = call("POST", GebuehrenSnSimulator.ENDPOINT, "application/json", "{}");
        assertEquals(415, json.status());
        assertEquals(404, get("/admin/nothing").status());
    }

    // --- modes ---

    @Test
    void modesUnavailableMalformedAndSlow() throws Exception {
        String gustav = request(UUID.randomUUID(), person("Gustav Gebührenschuld", "1975-05-05", false));
        assertEquals("{\"mode\":\"normal\"}", get("/admin/mode").body());

        assertEquals(200, post("/admin/mode", "mode=unavailable").status());
        Answer unavailable = soap(gustav);
        assertEquals(503, unavailable.status());
        assertEquals("soap:Server", unavailable.text("faultcode"));

        post("/admin/mode", "mode=malformed");
        Answer malformed = soap(gustav);
        assertEquals(200, malformed.status());
        assertThrows(Exception.class, malformed::xml, "a broken answer");

        post("/admin/mode", "mode=slow");
        long start = System.nanoTime();
        assertEquals("true", soap(gustav).text("rueckstandVorhanden"));
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 2000, "answered after the slow delay");

        assertEquals(422, post("/admin/mode", "mode=sometimes").status());
        assertEquals("{\"mode\":\"slow\"}", get("/admin/mode").body());
        post("/admin/mode", "mode=NORMAL");
        assertEquals("{\"mode\":\"normal\"}", get("/admin/mode").body());

        String counts = get("/admin/requests").body();
        assertEquals("{\"requests\":3,\"answered\":1,\"faults\":1}", counts);
    }
}

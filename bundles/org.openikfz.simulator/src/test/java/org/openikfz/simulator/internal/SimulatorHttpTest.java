package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over HTTP: JSON answers, 404 and 422 with a JSON error. */
class SimulatorHttpTest {

    @TempDir
    Path dir;
    SimulatorHttp http;
    KbaSimulator kba;

    @BeforeEach
    void start() throws Exception {
        SimulatorHttp.Config config = new LoopbackConfig();
        GdvSimulator gdv = new GdvSimulator(dir);
        kba = new KbaSimulator(dir, gdv);
        http = new SimulatorHttp(config, kba, new FachverfahrenSimulator(dir), new EPaymentSimulator(config),
                new IdentitySimulator(dir, "http://127.0.0.1:0"), gdv, new ZollSimulator(dir),
                new KennzeichenSimulator(dir, new String[] {KennzeichenSimulator.DEFAULT_DISTRICTS}, kba), new PostSimulator(dir));
    }

    @AfterEach
    void stop() {
        http.stop();
    }

    record Answer(int status, String body) {
        Map<String, Object> object() {
            return Json.parseObject(body);
        }

        List<?> array() {
            return (List<?>) Json.parse(body);
        }
    }

    Answer get(String path) throws Exception {
        return call("GET", path, null);
    }

    Answer post(String path, String form) throws Exception {
        return call("POST", path, form);
    }

    Answer call(String method, String path, String form) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + http.port() + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = c.getOutputStream()) {
                out.write(form.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }

    @Test
    void vehiclesWithTheNewFields() throws Exception {
        Answer added = post("/kba/admin/vehicles", "kennzeichen=ERZ-QQ+1&fin=WVWZZZ1JZXW000031&zb1=Ab3De4F&zb2=Pq4Ws8Xe2Rt6"
                + "&holder=Erika+Mustermann&holderBirthDate=1964-08-12&deregisteredOn=2025-01-31&verwertungsnachweis=true"
                + "&nextHu=2027-04&authority=C&firstRegistration=2015-04");
        assertEquals(201, added.status(), added.body());
        Map<String, Object> v = added.object();
        assertEquals(false, v.get("registered"));
        assertEquals("2025-01-31", v.get("deregisteredOn"));
        assertEquals(true, v.get("verwertungsnachweis"));
        assertEquals("2027-04", v.get("nextHu"));
        assertEquals("C", v.get("authority"));
        assertEquals("1964-08-12", v.get("holderBirthDate"));
        assertFalse(added.body().contains("Ab3De4F") || added.body().contains("Pq4Ws8Xe2Rt6"), "no codes");
        Answer list = get("/kba/admin/vehicles");
        assertEquals(KbaSimulator.DEMO.size() + 1, list.array().size(), "the demo vehicles and the one added");
        assertFalse(list.body().contains("Ab3De4F"));

        assertEquals(422, post("/kba/admin/vehicles", "kennzeichen=ERZ-QQ+1&fin=WVWZZZ1JZXW000031&nextHu=April").status());
        assertEquals(422, post("/kba/admin/vehicles", "kennzeichen=ERZ-QQ+1&fin=WVWZZZ1JZXW000031&registered=true"
                + "&deregisteredOn=2025-01-31").status());
        assertEquals(422, post("/kba/admin/vehicles", "kennzeichen=ERZ-QQ+1&fin=short").status());
        Answer bad = post("/kba/admin/vehicles", "kennzeichen=ERZ-QQ+1&fin=WVWZZZ1JZXW000031&verwertungsnachweis=ja");
        assertEquals(422, bad.status());
        assertTrue(bad.object().get("error").toString().contains("verwertungsnachweis"));
        assertEquals(404, get("/kba/admin/nothing").status());
        assertTrue(get("/kba/admin/nothing").object().containsKey("error"));
    }

    @Test
    void resettingADemoVehicleKeepsWhatIsLeftOut() throws Exception {
        assertEquals(201, post("/kba/admin/vehicles", "kennzeichen=ERZ-WZ+55&fin=WVWZZZ1KZ6W000006&registered=false").status());
        Answer reset = post("/kba/admin/vehicles", "kennzeichen=ERZ-WZ+55&fin=WVWZZZ1KZ6W000006&zb1=Wz5Rk9T");
        Map<String, Object> v = reset.object();
        assertEquals(true, v.get("registered"));
        assertEquals(null, v.get("deregisteredOn"));
        assertEquals("Erika Mustermann", v.get("holder"));
        assertEquals("1964-08-12", v.get("holderBirthDate"));
        assertEquals("2027-05", v.get("nextHu"));
        assertEquals("Wd8Zq3Hy6Ub2", kba.vehicle("ERZ-WZ 55").orElseThrow().zb2());
        Map<String, Object> other = post("/kba/admin/vehicles", "kennzeichen=ERZ-WZ+56&fin=WVWZZZ1KZ6W000056&holder=Neu").object();
        assertEquals("Neu", other.get("holder"));
        assertEquals("Teststraße 1", other.get("street"), "a new vehicle gets the defaults");
        assertEquals(null, other.get("nextHu"));
    }

    @Test
    void pruefzifferAndReferenceData() throws Exception {
        Answer p = get("/kba/admin/pruefziffer?fin=WVWZZZ1JZXW000001&lastHu=2025-04-10&nextHu=2027-04&organisation=TUEV");
        assertEquals(200, p.status(), p.body());
        assertEquals(kba.pruefziffer(org.openikfz.api.value.Fin.of("WVWZZZ1JZXW000001"), java.time.LocalDate.of(2025, 4, 10),
                java.time.YearMonth.of(2027, 4), "TUEV"), p.object().get("pruefziffer"));
        assertEquals(422, get("/kba/admin/pruefziffer?fin=WVWZZZ1JZXW000001&lastHu=2025-04-10&organisation=TUEV").status());
        assertEquals(422, get("/kba/admin/pruefziffer?fin=WVWZZZ1JZXW000001&lastHu=10.04.2025&nextHu=2027-04&organisation=TUEV").status());

        assertEquals(201, post("/kba/admin/coc", "fin=WF0AXXGCDAP000011&zb2=Nr5Ws2Kd8Ty4&vehicle=Ford+Focus&registrable=false"
                + "&obstacle=R%C3%BCckruf").status());
        Answer coc = get("/kba/admin/coc");
        assertEquals(2, coc.array().size());
        assertTrue(coc.body().contains("Rückruf"));
        assertFalse(coc.body().contains("Nr5Ws2Kd8Ty4"), "no codes");
        assertEquals(422, post("/kba/admin/coc", "fin=WF0AXXGCDAP000011&zb2=short").status());
    }

    @Test
    void modes() throws Exception {
        for (String system : List.of("kba", "gdv", "zoll", "kennzeichen")) {
            assertEquals("slow", post("/" + system + "/admin/mode", "mode=slow").object().get("mode"));
            assertEquals("slow", get("/" + system + "/admin/mode").object().get("mode"));
            assertEquals(422, post("/" + system + "/admin/mode", "mode=fast").status());
            assertEquals("normal", post("/" + system + "/admin/mode", "mode=normal").object().get("mode"));
        }
    }

    @Test
    void theMailbox() throws Exception {
        assertEquals(503, get("/mail/admin/messages").status(), "no mailbox simulator running");
        MailSimulator mail = new MailSimulator(MailSimulatorTest.config(0), dir);
        try {
            http.mail = mail;
            MailSimulatorTest.smtp(mail.port(), "i-kfz@zulassung.example", "erika@example.org",
                    MailSimulatorTest.quotedPrintableMail("<openikfz-1.x@zulassung.example>"));
            Answer all = get("/mail/admin/messages");
            assertEquals(200, all.status(), all.body());
            assertEquals(1, all.array().size());
            Map<?, ?> m = (Map<?, ?>) all.array().getFirst();
            assertEquals("<openikfz-1.x@zulassung.example>", m.get("messageId"));
            assertEquals("erika@example.org", m.get("to"));
            assertEquals("Bestätigung Ihres Antrags – ERZ-2026-00000042", m.get("subject"));
            assertEquals(MailSimulatorTest.TEXT, m.get("text"));
            assertEquals(1, get("/mail/admin/messages?to=erika%40example.org").array().size());
            assertEquals(0, get("/mail/admin/messages?to=max%40example.org").array().size());
            assertEquals("unavailable", post("/mail/admin/mode", "mode=unavailable").object().get("mode"));
            assertEquals("unavailable", get("/mail/admin/mode").object().get("mode"));
            assertEquals(422, post("/mail/admin/mode", "mode=fast").status());
            assertEquals(404, get("/mail/admin/other").status());
        } finally {
            mail.stop();
        }
    }

    @Test
    void gdvZollAndPlates() throws Exception {
        assertEquals(6, get("/gdv/admin/evb").array().size());
        assertEquals(201, post("/gdv/admin/evb", "evb=ZZ12345&insurer=Test+AG&insurerNumber=1234&status=EXPIRED").status());
        assertEquals(422, post("/gdv/admin/evb", "evb=ZZ12345&status=UNKNOWN").status());
        assertEquals(422, post("/gdv/admin/evb", "evb=IO").status());

        assertEquals(1, get("/zoll/admin/arrears").array().size());
        assertEquals(201, post("/zoll/admin/arrears", "name=Max+Mustermann&dateOfBirth=1971-03-02").status());
        assertEquals(422, post("/zoll/admin/arrears", "dateOfBirth=1971-03-02").status());
        Answer refused = post("/zoll/admin/refused-ibans", "iban=DE89+3704+0044+0532+0130+00");
        assertEquals(201, refused.status());
        assertEquals("DE89 **** **** **** **30 00", refused.object().get("iban"));
        assertFalse(get("/zoll/admin/refused-ibans").body().contains("0532013000"));
        Answer invalid = post("/zoll/admin/refused-ibans", "iban=DE89370400440532013001");
        assertEquals(422, invalid.status());
        assertFalse(invalid.body().contains("0532013001"), "the error does not repeat the IBAN");
        assertEquals(200, get("/zoll/admin/mandates").status());

        assertEquals(201, post("/kennzeichen/admin/taken", "kennzeichen=erz-tt+1").status());
        assertEquals(List.of("ERZ-TT 1"), get("/kennzeichen/admin/taken").array());
        assertEquals(422, post("/kennzeichen/admin/taken", "kennzeichen=nonsense").status());
        assertEquals(0, get("/kennzeichen/admin/reservations").array().size());
        assertEquals(200, get("/post/admin/letters").status());
        assertEquals(404, get("/post/admin/other").status());
    }

    @Test
    void transfersOfAnotherNodeArriveHereAndEveryDeliveryIsCounted(@TempDir Path otherNode) throws Exception {
        TransferForwarding toHere = TransferForwarding.to(URI.create("http://127.0.0.1:" + http.port()));
        FachverfahrenSimulator fachverfahren = new FachverfahrenSimulator(otherNode, java.util.Optional.of(toHere));
        PostSimulator post = new PostSimulator(otherNode, java.util.Optional.of(toHere));
        KbaSimulator otherKba = new KbaSimulator(otherNode, new GdvSimulator(otherNode), java.util.Optional.of(toHere));
        java.util.UUID application = java.util.UUID.randomUUID();
        org.openikfz.api.connector.TransferMessage message = new org.openikfz.api.connector.TransferMessage(7, application,
                "ausserbetriebsetzung", true, "{\"answers\":{\"note\":\"ä & = +\"}}");

        fachverfahren.deliver(message);
        fachverfahren.deliver(message); // sent twice: received once, counted twice
        post.deliver(message);
        List<?> inbox = get("/fachverfahren/admin/inbox?application=" + application).array();
        assertEquals(1, inbox.size(), "the receiver takes a message id once");
        assertTrue(inbox.get(0).toString().contains("ä & = +"), "the payload arrives as sent: " + inbox);
        List<?> counted = get("/fachverfahren/admin/deliveries?application=" + application).array();
        assertEquals(1, counted.size());
        assertEquals("7", ((Map<?, ?>) counted.get(0)).get("messageId"));
        assertEquals("2", String.valueOf(((Map<?, ?>) counted.get(0)).get("deliveries")));
        assertEquals(1, get("/post/admin/letters?application=" + application).array().size());
        assertTrue(get("/post/admin/deliveries?application=" + application).body().contains("\"deliveries\":1"));
        assertEquals(0, get("/fachverfahren/admin/inbox?application=" + java.util.UUID.randomUUID()).array().size());

        // the one set's mode applies: its KBA unavailable, the other node's delivery fails and is not counted
        post("/kba/admin/mode", "mode=unavailable");
        org.junit.jupiter.api.Assertions.assertThrows(org.openikfz.api.connector.ConnectorUnavailableException.class,
                () -> otherKba.deliver(message));
        assertEquals(0, get("/kba/admin/deliveries").array().size());
        post("/kba/admin/mode", "mode=normal");
        otherKba.deliver(message);
        assertEquals(1, get("/kba/admin/deliveries?application=" + application).array().size());
        assertEquals(422, post("/kba/admin/receive", "id=x&application=" + application + "&procedure=p&payload={}").status());
    }

    @Test
    void identityPersonsAndLoginPage() throws Exception {
        Answer persons = get("/identity/admin/persons");
        assertEquals(IdentitySimulator.DEMO.size(), persons.array().size());
        Answer added = post("/identity/admin/persons", "name=Verein+%3Cb%3Ee.V.&street=Weg+1&postalCode=09456"
                + "&city=Annaberg-Buchholz&organisation=true");
        assertEquals(201, added.status(), added.body());
        int next = IdentitySimulator.DEMO.size();
        assertEquals(new java.math.BigDecimal(next), added.object().get("person"));
        assertEquals(422, post("/identity/admin/persons", "name=Org&organisation=true&dateOfBirth=2000-01-01").status());
        assertEquals(422, post("/identity/admin/persons", "street=Weg+1").status());
        assertEquals(201, post("/identity/admin/codes", "person=" + next).status());
        assertEquals(201, post("/identity/admin/codes", "person=0").status());
        assertEquals(422, post("/identity/admin/codes", "person=" + (next + 1)).status());

        Answer page = get("/identity/login?state=s&return=http%3A%2F%2F127.0.0.1%2Fback");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<html lang=\"de\">"));
        assertTrue(page.body().contains("<legend>"));
        assertTrue(page.body().contains("<label for=\"p3\">Muster GmbH (Organisationskonto, ELSTER)</label>"), page.body());
        assertTrue(page.body().contains("<label for=\"p0\">Erika Mustermann</label>"));
        assertTrue(page.body().contains("Verein &lt;b&gt;e.V."), "escaped");
    }
}

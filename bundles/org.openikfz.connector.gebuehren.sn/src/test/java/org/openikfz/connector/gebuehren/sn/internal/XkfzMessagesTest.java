package org.openikfz.connector.gebuehren.sn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;
import org.openikfz.connector.support.MalformedAnswerException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Building the 0102 and reading the 0103, including answers the simulator never gives. */
class XkfzMessagesTest {

    static final UUID ID = UUID.fromString("0b8e3c1a-5d2f-4c7e-9a61-3f0d2b7c8e45");
    static final String NS = XkfzMessages.NS;

    static Document parse(byte[] bytes) throws Exception {
        return XkfzMessages.builder().parse(new ByteArrayInputStream(bytes));
    }

    static String text(Document doc, String localName) {
        var list = doc.getElementsByTagNameNS(NS, localName);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    // --- 0102 ---

    @Test
    void theRequestCarriesHeaderAndPerson() throws Exception {
        UUID application = UUID.randomUUID();
        ArrearsQuery query = new ArrearsQuery(application, "ERZ", Land.SN,
                new Holder("Gustav Gebührenschuld", "Hauptstraße 1", "09456", "Annaberg-Buchholz", LocalDate.of(1975, 5, 5)),
                false, LocalDate.of(2025, 3, 1));

        Document doc = parse(XkfzMessages.request(ID, query, Instant.parse("2025-03-01T09:30:00.345Z")));

        Element envelope = doc.getDocumentElement();
        assertEquals(XkfzMessages.SOAP, envelope.getNamespaceURI());
        assertEquals("Envelope", envelope.getLocalName());
        assertEquals(1, doc.getElementsByTagNameNS(NS, XkfzMessages.REQUEST).getLength());
        assertEquals(ID.toString(), text(doc, "nachrichtenUUID"));
        assertEquals("2025-03-01T09:30:00Z", text(doc, "erstellungszeitpunkt"), "xs:dateTime with seconds");
        assertEquals("ERZ", text(doc, "autor"));
        assertEquals("SN", text(doc, "leser"));
        assertEquals(application.toString(), text(doc, "vorgangsreferenz"));
        assertEquals("Gustav Gebührenschuld", text(doc, "name"));
        assertEquals("1975-05-05", text(doc, "geburtsdatum"));
        assertEquals("Hauptstraße 1", text(doc, "strasse"));
        assertEquals("09456", text(doc, "plz"));
        assertEquals("Annaberg-Buchholz", text(doc, "ort"));
        assertEquals("false", text(doc, "organisation"));
    }

    @Test
    void anOrganisationIsSentWithoutDateOfBirthAndMarkupInNamesIsEscaped() throws Exception {
        ArrearsQuery query = new ArrearsQuery(UUID.randomUUID(), "ERZ", Land.SN,
                new Holder("Müller & Söhne <GmbH>", null, null, null, LocalDate.of(2000, 1, 1)), true, LocalDate.of(2025, 3, 1));

        Document doc = parse(XkfzMessages.request(ID, query, Instant.now()));

        assertEquals("Müller & Söhne <GmbH>", text(doc, "name"));
        assertNull(text(doc, "geburtsdatum"));
        assertEquals(0, doc.getElementsByTagNameNS(NS, "anschrift").getLength());
        assertEquals("true", text(doc, "organisation"));
    }

    // --- 0103 ---

    static String answer(String bezug, String ergebnis) {
        return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<a:gebuehren.rueckstandsantwort.0103 xmlns:a=\"" + NS + "\"><a:nachrichtenkopf>"
                + "<a:nachrichtenUUID>" + UUID.randomUUID() + "</a:nachrichtenUUID><a:autor>SN</a:autor><a:leser>ERZ</a:leser>"
                + (bezug == null ? "" : "<a:bezug>" + bezug + "</a:bezug>") + "</a:nachrichtenkopf>"
                + "<a:ergebnis>" + ergebnis + "</a:ergebnis></a:gebuehren.rueckstandsantwort.0103></s:Body></s:Envelope>";
    }

    static final String ENTRY = "<a:rueckstand><a:betrag waehrung=\"EUR\">87.4</a:betrag><a:kassenzeichen>SN-1</a:kassenzeichen>"
            + "<a:glaeubiger>Kreiskasse</a:glaeubiger><a:faelligSeit>2024-03-15</a:faelligSeit></a:rueckstand>";
    static final String HINWEIS = "<a:zahlungshinweis>Bitte  überweisen\n Sie.</a:zahlungshinweis>";

    static ArrearsAnswer read(String xml) throws MalformedAnswerException {
        return XkfzMessages.answer(XkfzMessages.content(xml.getBytes(StandardCharsets.UTF_8)), ID);
    }

    @Test
    void aValidAnswerIsRead() throws Exception {
        assertInstanceOf(ArrearsAnswer.Clear.class, read(answer(ID.toString(), "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>")));
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class,
                read(answer(ID.toString(), "<a:rueckstandVorhanden>true</a:rueckstandVorhanden>" + ENTRY + HINWEIS)));
        assertEquals(new BigDecimal("87.40"), found.amount());
        assertEquals("SN-1", found.reference());
        assertEquals("Bitte überweisen Sie.", found.settlement().toString());
    }

    @Test
    void anAnswerToAnotherRequestIsMalformed() {
        MalformedAnswerException e = assertThrows(MalformedAnswerException.class,
                () -> read(answer(UUID.randomUUID().toString(), "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>")));
        assertTrue(e.getMessage().contains("bezug"), e.getMessage());
        assertThrows(MalformedAnswerException.class, () -> read(answer(null, "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>")));
    }

    @Test
    void missingOrContradictoryElementsAreMalformedNeverClear() {
        String t = "<a:rueckstandVorhanden>true</a:rueckstandVorhanden>";
        for (String ergebnis : new String[] {
            "",
            "<a:rueckstandVorhanden>vielleicht</a:rueckstandVorhanden>",
            "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>" + ENTRY,
            t + HINWEIS,
            t + ENTRY,
            t + ENTRY.replace("87.4", "") + HINWEIS,
            t + ENTRY.replace("87.4", "-5") + HINWEIS,
            t + ENTRY.replace("87.4", "0.001") + HINWEIS,
            t + ENTRY.replace("87.4", "viel") + HINWEIS,
            t + ENTRY.replace("EUR", "CHF") + HINWEIS,
            t + ENTRY.replace("<a:kassenzeichen>SN-1</a:kassenzeichen>", "") + HINWEIS,
            t + ENTRY.replace("Kreiskasse", " ") + HINWEIS,
            t + ENTRY.replace("2024-03-15", "gestern") + HINWEIS,
        }) {
            assertThrows(MalformedAnswerException.class, () -> read(answer(ID.toString(), ergebnis)), ergebnis);
        }
    }

    @Test
    void otherDocumentsAreMalformed() {
        for (String xml : new String[] {
            "",
            "<html><body>Bad Gateway</body></html>",
            answer(ID.toString(), "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>").replace(NS, "urn:something-else"),
            answer(ID.toString(), "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>")
                    .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"),
            answer(ID.toString(), "<a:rueckstandVorhanden>false</a:rueckstandVorhanden>").replace("0103", "0104"),
        }) {
            assertThrows(MalformedAnswerException.class, () -> read(xml), xml);
        }
    }

    @Test
    void aDtdIsRefusedSoNoExternalEntityIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "false");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + answer(ID.toString(), "<a:rueckstandVorhanden>&x;</a:rueckstandVorhanden>").substring("<?xml version=\"1.0\"?>".length());
        MalformedAnswerException e = assertThrows(MalformedAnswerException.class, () -> read(xxe));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><s>&b;</s>";
        assertThrows(MalformedAnswerException.class, () -> read(bomb));
    }

    @Test
    void aFaultIsRecognisedByItsCodeOnly() throws Exception {
        String fault = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                + "<faultcode>s:Server</faultcode><faultstring>Fehler bei Gustav Gebührenschuld</faultstring>"
                + "</s:Fault></s:Body></s:Envelope>";
        XkfzMessages.Fault f = XkfzMessages.fault(XkfzMessages.content(fault.getBytes(StandardCharsets.UTF_8)));
        assertEquals("s:Server", f.faultcode());
        String message = XkfzMessages.unavailable(f, 500).getMessage();
        assertFalse(message.contains("Gustav"), message);
        assertNull(XkfzMessages.fault(XkfzMessages.content(answer(ID.toString(), "").getBytes(StandardCharsets.UTF_8))));
    }
}

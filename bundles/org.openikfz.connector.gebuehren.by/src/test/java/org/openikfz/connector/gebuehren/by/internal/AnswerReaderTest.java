package org.openikfz.connector.gebuehren.by.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.connector.support.MalformedAnswerException;

/** Only a complete answer to this very query counts; nothing else is ever read as clear. */
class AnswerReaderTest {

    final AnswerReader reader = new AnswerReader(new ObjectMapper());
    final UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    static final String ITEM = "{\"betrag\":\"12.00\",\"kassenzeichen\":\"BY-2025-000001\",\"glaeubiger\":\"Stadt A\","
            + "\"faelligSeit\":\"2025-01-02\"}";
    static final String ITEM2 = "{\"betrag\":\"33.6\",\"kassenzeichen\":\"BY-2025-000002\",\"glaeubiger\":\"Landkreis B\"}";

    String answer(String ergebnis, String items, String hinweis) {
        return "{\"anfrageId\":\"" + id + "\",\"ergebnis\":\"" + ergebnis + "\",\"rueckstaende\":[" + items + "]"
                + (hinweis == null ? "" : ",\"zahlungshinweis\":\"" + hinweis + "\"") + "}";
    }

    @Test
    void clearAndFound() throws Exception {
        assertInstanceOf(ArrearsAnswer.Clear.class, reader.read(id, 200, answer("KEIN_RUECKSTAND", "", null)));
        assertInstanceOf(ArrearsAnswer.Clear.class,
                reader.read(id, 200, "{\"anfrageId\":\"" + id.toString().toUpperCase(Locale.ROOT) + "\",\"ergebnis\":\"KEIN_RUECKSTAND\"}"));

        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class,
                reader.read(id, 200, answer("RUECKSTAND", ITEM + "," + ITEM2, "Bitte zahlen Sie.")));
        assertEquals(new BigDecimal("45.60"), found.amount(), "the sum");
        assertEquals("BY-2025-000001, BY-2025-000002", found.reference());
        assertEquals("Bitte zahlen Sie.", found.settlement().get(Locale.GERMAN), "the Land's own German text");
        String english = found.settlement().get(Locale.ENGLISH);
        assertTrue(english.contains("EUR 12.00 to Stadt A (Kassenzeichen BY-2025-000001)"), english);
        assertTrue(english.contains("EUR 33.60 to Landkreis B (Kassenzeichen BY-2025-000002)"), english);
        assertTrue(english.contains("in total EUR 45.60"), english);
    }

    @Test
    void anythingIncompleteOrContradictoryIsMalformed() {
        String other = answer("KEIN_RUECKSTAND", "", null).replace(id.toString(), UUID.randomUUID().toString());
        String[] bodies = {
            "", "{\"anfrageId\":\"" + id + "\",\"ergebnis\":\"KEIN_RUE", "[]", other,
            answer("KEIN_RUECKSTAND", "", null).replace("\"anfrageId\":\"" + id + "\",", ""),
            answer("VIELLEICHT", "", null),
            answer("KEIN_RUECKSTAND", ITEM, null),
            answer("RUECKSTAND", "", "Bitte zahlen Sie."),
            answer("RUECKSTAND", ITEM, null),
            answer("RUECKSTAND", ITEM, " "),
            answer("RUECKSTAND", ITEM.replace("\"12.00\"", "\"-12.00\""), "x"),
            answer("RUECKSTAND", ITEM.replace("\"12.00\"", "\"0.00\""), "x"),
            answer("RUECKSTAND", ITEM.replace("\"12.00\"", "12.00"), "x"),
            answer("RUECKSTAND", ITEM.replace("\"12.00\"", "\"12,00\""), "x"),
            answer("RUECKSTAND", ITEM.replace("\"kassenzeichen\":\"BY-2025-000001\",", ""), "x"),
            answer("RUECKSTAND", ITEM.replace("\"Stadt A\"", "\"\""), "x"),
            answer("RUECKSTAND", ITEM.replace("2025-01-02", "02.01.2025"), "x"),
            answer("RUECKSTAND", "\"BY-2025-000001\"", "x"),
        };
        for (String body : bodies) {
            MalformedAnswerException e = assertThrows(MalformedAnswerException.class, () -> reader.read(id, 200, body), body);
            assertFalse(e.getMessage().contains("Stadt A") || e.getMessage().contains("BY-2025"), e.getMessage());
        }
    }

    @Test
    void httpErrors() {
        ConnectorUnavailableException unavailable = assertThrows(ConnectorUnavailableException.class,
                () -> reader.read(id, 503, "{\"error\":\"temporarily_unavailable\"}"));
        assertFalse(unavailable instanceof MalformedAnswerException, "a 503 is worth retrying");
        assertTrue(unavailable.getMessage().contains("503"));
        assertThrows(MalformedAnswerException.class, () -> reader.read(id, 400, "{\"error\":\"invalid_request\"}"),
                "our request was refused: asking again would not help");
        ConnectorUnavailableException forbidden = assertThrows(ConnectorUnavailableException.class,
                () -> reader.read(id, 403, "{\"error\":\"Zugriff für Berta verweigert\"}"));
        assertFalse(forbidden.getMessage().contains("Berta"), "free text of an error is not repeated");
    }
}

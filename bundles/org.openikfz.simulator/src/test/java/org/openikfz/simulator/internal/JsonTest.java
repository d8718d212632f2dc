package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    /** A payload as the engine sends it (core's Json.object), with facts and applicant. */
    static final String PAYLOAD = "{\"application\":\"6f1c6c1e-3d7a-4a59-9d43-2f1b7b0e8a11\",\"procedure\":\"wiederzulassung\","
            + "\"authority\":\"ERZ\",\"internetApplication\":true,\"procedureTitle\":null,"
            + "\"answers\":{\"evb\":\"MV12345\",\"fin\":\"WVWZZZ1KZ6W000006\",\"kennzeichen\":\"ERZ-WZ 55\"},"
            + "\"facts\":{\"kennzeichen.zugeteilt\":\"ERZ-AB 1\",\"hu.next\":\"2028-11\"},"
            + "\"applicant\":{\"name\":\"Müller \\\"Max\\\"\\n\\\\\",\"street\":\"Markt 5\",\"postalCode\":\"09366\","
            + "\"city\":\"Stollberg\",\"dateOfBirth\":\"1971-03-02\",\"organisation\":false},"
            + "\"decision\":{\"reference\":\"ERZ-2026-1\",\"automated\":true,\"retrievedAt\":null},"
            + "\"printAndMail\":false,\"transferredAt\":\"2026-12-02T10:15:30Z\"}";

    @Test
    void readsTheEnginesPayload() {
        Map<String, Object> doc = Json.parseObject(PAYLOAD);
        assertEquals(Optional.of("wiederzulassung"), Json.text(doc, "procedure"));
        assertEquals(Optional.of("true"), Json.text(doc, "internetApplication"));
        assertEquals(Optional.empty(), Json.text(doc, "procedureTitle"));
        assertEquals(Optional.of("ERZ-AB 1"), Json.text(doc, "facts", "kennzeichen.zugeteilt"));
        assertEquals(Optional.of("MV12345"), Json.text(doc, "answers", "evb"));
        assertEquals(Optional.of("Müller \"Max\"\n\\"), Json.text(doc, "applicant", "name"));
        assertEquals(Optional.of("false"), Json.text(doc, "applicant", "organisation"));
        assertEquals(Optional.empty(), Json.text(doc, "decision", "retrievedAt"));
        assertEquals(Optional.empty(), Json.text(doc, "answers", "missing"));
        assertEquals(Optional.empty(), Json.text(doc, "procedure", "deeper"), "a string has no members");
        assertEquals(Optional.empty(), Json.text(doc, "answers"), "an object is not text");
        assertTrue(Json.object(doc, "decision").isPresent());
        assertFalse(Json.object(doc, "procedure").isPresent());
    }

    @Test
    void readsAllValueKinds() {
        Object value = Json.parse(" [ 1, -2.5e3, 0, true, false, null, \"\", {}, [] ] ");
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), new BigDecimal("0"), true, false),
                ((List<?>) value).subList(0, 5));
        assertNull(((List<?>) value).get(5));
        assertEquals("", ((List<?>) value).get(6));
        assertEquals(Map.of(), ((List<?>) value).get(7));
        assertEquals(List.of(), ((List<?>) value).get(8));
        assertEquals(Optional.of("12.50"), Json.text(Json.parseObject("{\"n\":12.50}"), "n"));
    }

    @Test
    void readsEscapesAndUnicode() {
        assertEquals("a\"b\\c/d\b\f\n\r\t", Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""));
        assertEquals("Ä€", Json.parse("\"\\u00c4\\u20AC\""));
        assertEquals("😀", Json.parse("\"\\ud83d\\ude00\""), "a surrogate pair");
        assertEquals("Straße ÄÖÜ", Json.parse("\"Straße ÄÖÜ\""), "non-ASCII as is");
    }

    @Test
    void laterMemberWins() {
        assertEquals(Optional.of("2"), Json.text(Json.parseObject("{\"a\":\"1\",\"a\":\"2\"}"), "a"));
    }

    @Test
    void rejectsMalformedInputWithoutEchoingIt() {
        for (String bad : List.of("", " ", "{", "{\"a\":}", "{\"a\" \"b\"}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}",
                "\"open", "\"bad \\x escape\"", "\"\\u12\"", "01", "-", "1.", "1e", "tru", "nul", "{} {}",
                "\"tab\tinside\"", "{\"secret-IBAN-DE89\":}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            assertTrue(e.getMessage().startsWith("JSON: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Json.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }

    @Test
    void refusesTooDeepNesting() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(ok);
    }

    @Test
    void quoteEscapesAndRoundTrips() {
        String s = "Müller \"Max\"\n\\\t\u0001 </script>";
        assertEquals("\"Müller \\\"Max\\\"\\n\\\\\\t\\u0001 </script>\"", Json.quote(s));
        assertEquals(s, Json.parse(Json.quote(s)));
        assertEquals("null", Json.quote((String) null));
        assertEquals("null", Json.quote((Object) null));
    }
}

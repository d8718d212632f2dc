package org.openikfz.api.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcedureIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"ausserbetriebsetzung", "a", "erst-zulassung-2"})
    void valid(String value) {
        assertEquals(value, new ProcedureId(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Umschreibung", "1abc", "a--b", "a-", "-a", "a b"})
    void invalid(String value) {
        assertThrows(IllegalArgumentException.class, () -> new ProcedureId(value));
    }

    @Test
    void atMost64Characters() {
        assertEquals(64, new ProcedureId("a".repeat(64)).value().length());
        assertThrows(IllegalArgumentException.class, () -> new ProcedureId("a".repeat(65)));
    }

    /** A request may send any length: refused as invalid, not with a StackOverflowError from the pattern. */
    @Test
    void longValueIsRefusedNotOverflowingTheStack() {
        String longId = "a" + "-a".repeat(100_000);
        assertThrows(IllegalArgumentException.class, () -> new ProcedureId(longId));
    }
}

package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.function.Executable;

/** Shared assertions of the value tests. */
final class Assertions2 {

    private Assertions2() {
    }

    /** Asserts that {@code executable} throws a ValueValidationException with {@code key} and real texts. */
    static ValueValidationException assertInvalid(String key, Executable executable) {
        ValueValidationException e = assertThrows(ValueValidationException.class, executable);
        assertEquals(key, e.key(), () -> "message: " + e.getMessage());
        assertNotEquals(key, e.getMessage(Locale.GERMAN), "German text missing for " + key);
        assertNotEquals(key, e.getMessage(Locale.ENGLISH), "English text missing for " + key);
        assertFalse(e.getMessage().contains("{"), "unformatted argument in " + e.getMessage());
        assertFalse(e.getMessage(Locale.ENGLISH).contains("{"), "unformatted argument in " + e.getMessage(Locale.ENGLISH));
        return e;
    }
}

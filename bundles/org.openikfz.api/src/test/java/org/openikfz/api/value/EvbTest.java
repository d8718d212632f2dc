package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvbTest {

    @Test
    void validAndNormalised() {
        Evb evb = Evb.of(" a1b 2c3d ");
        assertEquals("A1B2C3D", evb.value());
        assertEquals("A1", evb.insurerPrefix());
        assertEquals("A1B2C3D", evb.toString());
        assertEquals(Evb.of("A1B2C3D"), evb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1B2C3", "A1B2C3D4", "A"})
    void wrongLength(String text) {
        ValueValidationException e = assertInvalid("evb.length", () -> Evb.of(text));
        assertEquals(text.length(), e.arguments().get(0));
    }

    @Test
    void lengthMessage() {
        ValueValidationException e = assertInvalid("evb.length", () -> Evb.of("A1B2C3"));
        assertEquals("Die eVB-Nummer hat 7 Zeichen. Sie haben 6 eingegeben.", e.getMessage());
        assertEquals("The eVB number has 7 characters. You entered 6.", e.getMessage(Locale.ENGLISH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I1B2C3D", "A1B2C3O", "a1b2c3o", "i1b2c3d"})
    void forbiddenLetters(String text) {
        ValueValidationException e = assertInvalid("evb.forbiddenLetter", () -> Evb.of(text));
        assertTrue(e.getMessage().contains("I und O"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1B-C3D", "A1BÄC3D", "A1B2C3/"})
    void invalidCharacters(String text) {
        assertInvalid("evb.invalidCharacter", () -> Evb.of(text));
    }

    @Test
    void empty() {
        assertInvalid("evb.empty", () -> Evb.of(""));
    }
}

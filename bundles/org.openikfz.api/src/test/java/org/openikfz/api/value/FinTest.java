package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FinTest {

    private static final String VECTOR = "A1BS31Z0430336179";

    @Test
    void checkDigitOfTheTestVectorIs4() {
        Fin fin = Fin.of(VECTOR);
        assertEquals('4', fin.checkDigit());
        assertTrue(fin.matchesCheckDigit('4'));
        assertFalse(fin.matchesCheckDigit('5'));
        assertFalse(fin.matchesCheckDigit('X'));
        fin.requireCheckDigit('4');
    }

    @Test
    void checkDigitSumIsTheWeightedSumFromTheRight() {
        // independent re-computation with an explicit weight table, left to right
        // (positions 17 ... 1 counted from the right weigh 9 ... 2, 10 ... 2)
        int[] weights = {9, 8, 7, 6, 5, 4, 3, 2, 10, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Fin.charValue(VECTOR.charAt(i)) * weights[i];
        }
        assertEquals(268, sum);
        assertEquals(4, sum % 11);
    }

    @Test
    void letterValues() {
        assertEquals(1, Fin.charValue('A'));
        assertEquals(9, Fin.charValue('I'));
        assertEquals(1, Fin.charValue('J'));
        assertEquals(9, Fin.charValue('R'));
        assertEquals(0, Fin.charValue('O'));
        assertEquals(7, Fin.charValue('P'));
        assertEquals(2, Fin.charValue('S'));
        assertEquals(9, Fin.charValue('Z'));
        assertEquals(5, Fin.charValue('5'));
    }

    @Test
    void remainderTenIsX() {
        // find a FIN whose check digit is X by varying the last character; the check is total
        String base = "WVWZZZ1JZXW00000";
        boolean foundX = false;
        for (char c : "0123456789ABCDEFGHJKLMNPRSTUVWXYZ".toCharArray()) {
            Fin fin = Fin.of(base + c);
            char d = fin.checkDigit();
            assertTrue(d == 'X' || (d >= '0' && d <= '9'));
            if (d == 'X') {
                foundX = true;
                assertTrue(fin.matchesCheckDigit('x'));
                fin.requireCheckDigit('x');
            }
        }
        assertTrue(foundX);
    }

    @Test
    void normalisesCaseAndSpaces() {
        Fin fin = Fin.of("  a1bs 31z0 4303 36179 ");
        assertEquals(VECTOR, fin.value());
        assertEquals(VECTOR, fin.toString());
        assertEquals(Fin.of(VECTOR), fin);
    }

    @Test
    void validWithoutCheckDigit() {
        Fin fin = Fin.of("WDB1234561A123456");
        assertEquals(17, fin.value().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1BS31Z043033617", "A1BS31Z04303361790", "A", "WDB1234561A1234567"})
    void wrongLength(String text) {
        ValueValidationException e = assertInvalid("fin.length", () -> Fin.of(text));
        assertEquals(text.length(), e.arguments().get(0));
    }

    @Test
    void lengthMessage() {
        ValueValidationException e = assertInvalid("fin.length", () -> Fin.of("A1BS31Z043033617"));
        assertEquals("Die Fahrzeug-Identifizierungsnummer (FIN) hat 17 Zeichen. Sie haben 16 eingegeben. "
                + "Sie steht in der Zulassungsbescheinigung Teil I im Feld E.", e.getMessage());
        assertTrue(e.getMessage(Locale.ENGLISH).startsWith("The vehicle identification number (VIN) has 17 characters. You entered 16."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I1BS31Z0430336179", "A1BS31Z0O30336179", "A1BS31Z043033617Q", "a1bs31z0430336i79"})
    void forbiddenLetters(String text) {
        ValueValidationException e = assertInvalid("fin.forbiddenLetter", () -> Fin.of(text));
        String msg = e.getMessage();
        assertTrue(msg.contains("I, O und Q"), msg);
    }

    @Test
    void forbiddenLetterNamesThePosition() {
        ValueValidationException e = assertInvalid("fin.forbiddenLetter", () -> Fin.of("A1BS31Z0O30336179"));
        assertEquals("O", e.arguments().get(0));
        assertEquals(9, e.arguments().get(1));
        assertTrue(e.getMessage().contains("An der 9. Stelle steht „O“"), e.getMessage());
        assertTrue(e.getMessage(Locale.ENGLISH).contains("Position 9 has “O”"), e.getMessage(Locale.ENGLISH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1BS31Z0-30336179", "A1BS31Z0Ä30336179", "A1BS31Z0.30336179"})
    void invalidCharacters(String text) {
        assertInvalid("fin.invalidCharacter", () -> Fin.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void empty(String text) {
        assertInvalid("fin.empty", () -> Fin.of(text));
    }

    @Test
    void nullIsEmpty() {
        assertInvalid("fin.empty", () -> Fin.of(null));
    }

    @Test
    void wrongCheckDigit() {
        Fin fin = Fin.of(VECTOR);
        assertInvalid("fin.checkDigitMismatch", () -> fin.requireCheckDigit('5'));
        assertInvalid("fin.checkDigitFormat", () -> fin.requireCheckDigit('Y'));
        assertFalse(fin.matchesCheckDigit('Y'));
    }

    @Test
    void checkWithoutThrowing() {
        assertTrue(Fin.check(VECTOR).isValid());
        assertEquals(Fin.of(VECTOR), Fin.check(VECTOR).toOptional().orElseThrow());
        ValidationResult<Fin> bad = Fin.check("A1BS");
        assertFalse(bad.isValid());
        assertTrue(bad.message(Locale.ENGLISH).orElseThrow().contains("17 characters"));
    }
}

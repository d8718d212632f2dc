package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityCodeTest {

    /** No message of a rejected code contains the input. */
    private static void assertNotEchoed(ValueValidationException e, String input) {
        String stripped = input.strip();
        if (stripped.length() >= 3) {
            assertFalse(e.getMessage().contains(stripped), e.getMessage());
            assertFalse(e.getMessage(Locale.ENGLISH).contains(stripped), e.getMessage(Locale.ENGLISH));
            for (Object argument : e.arguments()) {
                assertFalse(String.valueOf(argument).contains(stripped));
            }
        }
        assertFalse(e.toString().contains(stripped) && stripped.length() >= 3, e.toString());
    }

    @Nested
    class Plakette {

        @ParameterizedTest
        @ValueSource(strings = {"Z2p", "abc", "XYZ", "987", " a 7 K "})
        void valid(String text) {
            PlakettenCode code = PlakettenCode.of(text);
            assertEquals(text.replace(" ", ""), code.value());
        }

        @Test
        void caseSensitive() {
            assertEquals("aBc", PlakettenCode.of("aBc").value());
            assertNotEquals(PlakettenCode.of("abc"), PlakettenCode.of("ABC"));
        }

        @Test
        void toStringIsMasked() {
            PlakettenCode code = PlakettenCode.of("Z2p");
            assertEquals("PlakettenCode[***]", code.toString());
            assertFalse(code.toString().contains("Z2p"));
            assertFalse(PlakettenCode.check("Z2p").toString().contains("Z2p"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Z2", "Z2q7", "7"})
        void wrongLength(String text) {
            ValueValidationException e = assertInvalid("plakettencode.length", () -> PlakettenCode.of(text));
            assertEquals(text.length(), e.arguments().get(0));
            assertNotEchoed(e, text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ZI7", "Zi7", "Zl7", "ZO7", "Zo7"})
        void lookAlikes(String text) {
            ValueValidationException e = assertInvalid("plakettencode.lookAlike", () -> PlakettenCode.of(text));
            assertEquals(2, e.arguments().get(0));
            assertNotEchoed(e, text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Zä7", "Z-7", "Z_7", "Z€7"})
        void invalidCharacters(String text) {
            ValueValidationException e = assertInvalid("plakettencode.invalidCharacter", () -> PlakettenCode.of(text));
            assertNotEchoed(e, text);
        }

        @Test
        void empty() {
            assertInvalid("plakettencode.empty", () -> PlakettenCode.of(""));
            assertInvalid("plakettencode.empty", () -> PlakettenCode.of(null));
        }
    }

    @Nested
    class Zb1 {

        @Test
        void valid() {
            Zb1Code code = Zb1Code.of("aB3dE7x");
            assertEquals("aB3dE7x", code.value());
            assertEquals(Zb1Code.of(" aB3 dE7x\t"), code);
        }

        @Test
        void allowedAlphabet() {
            // every allowed character, in 7-character chunks
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz0123456789";
            for (int i = 0; i + 7 <= alphabet.length(); i += 7) {
                String chunk = alphabet.substring(i, i + 7);
                assertEquals(chunk, Zb1Code.of(chunk).value());
            }
        }

        @Test
        void notUpperCased() {
            assertEquals("abcdefg", Zb1Code.of("abcdefg").value());
        }

        @Test
        void toStringIsMasked() {
            Zb1Code code = Zb1Code.of("aB3dE7x");
            assertEquals("Zb1Code[***]", code.toString());
        }

        @Test
        void lengthMessageInGermanAndEnglish() {
            ValueValidationException e = assertInvalid("zb1code.length", () -> Zb1Code.of("aB3dE7"));
            assertEquals("Der Sicherheitscode der Zulassungsbescheinigung Teil I hat 7 Zeichen. Sie haben 6 eingegeben.",
                    e.getMessage());
            assertEquals("The security code of the registration certificate part I has 7 characters. You entered 6.",
                    e.getMessage(Locale.ENGLISH));
            assertNotEchoed(e, "aB3dE7");
        }

        @ParameterizedTest
        @ValueSource(strings = {"aB3dE7xy", "aB3dE7xyz12"})
        void tooLong(String text) {
            ValueValidationException e = assertInvalid("zb1code.length", () -> Zb1Code.of(text));
            assertNotEchoed(e, text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"IB3dE7x", "aB3dE7i", "aBldE7x", "aB3OE7x", "aB3dE7o"})
        void lookAlikes(String text) {
            ValueValidationException e = assertInvalid("zb1code.lookAlike", () -> Zb1Code.of(text));
            assertTrue(e.getMessage().contains("I, i, l, O und o"), e.getMessage());
            assertNotEchoed(e, text);
        }

        @Test
        void lookAlikePosition() {
            ValueValidationException e = assertInvalid("zb1code.lookAlike", () -> Zb1Code.of("aBldE7x"));
            assertTrue(e.getMessage().startsWith("Das 3. Zeichen"), e.getMessage());
            assertTrue(e.getMessage(Locale.ENGLISH).startsWith("Character 3 "), e.getMessage(Locale.ENGLISH));
        }

        @ParameterizedTest
        @ValueSource(strings = {"aB3dE7ß", "aB3-E7x", "aB3dÖ7x"})
        void invalidCharacters(String text) {
            ValueValidationException e = assertInvalid("zb1code.invalidCharacter", () -> Zb1Code.of(text));
            assertNotEchoed(e, text);
        }

        @Test
        void empty() {
            assertInvalid("zb1code.empty", () -> Zb1Code.of(" "));
        }
    }

    @Nested
    class Zb2 {

        @Test
        void valid() {
            Zb2Code code = Zb2Code.of("Ab3dE7xYz90K");
            assertEquals("Ab3dE7xYz90K", code.value());
        }

        @Test
        void fullAlphabetIncludingLookAlikes() {
            // the ZB II alphabet is A–Z a–z 0–9 (no exclusions are published)
            assertEquals("IilOo0123456", Zb2Code.of("IilOo0123456").value());
        }

        @Test
        void toStringIsMasked() {
            assertEquals("Zb2Code[***]", Zb2Code.of("Ab3dE7xYz90K").toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"Ab3dE7xYz90", "Ab3dE7xYz90KL", "Ab3dE7x"})
        void wrongLength(String text) {
            ValueValidationException e = assertInvalid("zb2code.length", () -> Zb2Code.of(text));
            assertEquals(text.length(), e.arguments().get(0));
            assertNotEchoed(e, text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Ab3dE7xYz90#", "Äb3dE7xYz90K", "Ab3d-7xYz90K"})
        void invalidCharacters(String text) {
            ValueValidationException e = assertInvalid("zb2code.invalidCharacter", () -> Zb2Code.of(text));
            assertNotEchoed(e, text);
        }

        @Test
        void empty() {
            assertInvalid("zb2code.empty", () -> Zb2Code.of(null));
        }

        @Test
        void checkWithoutThrowing() {
            assertTrue(Zb2Code.check("Ab3dE7xYz90K").isValid());
            assertFalse(Zb2Code.check("Ab3").isValid());
        }
    }
}

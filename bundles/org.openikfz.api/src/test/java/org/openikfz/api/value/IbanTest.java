package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanTest {

    private static final String GOOD = "DE89370400440532013000";

    @Test
    void valid() {
        Iban iban = Iban.of(GOOD);
        assertEquals(GOOD, iban.value());
        assertEquals("DE", iban.countryCode());
        assertEquals("DE89 3704 0044 0532 0130 00", iban.formatted());
        assertEquals("DE89 **** **** **** **30 00", iban.masked());
    }

    @Test
    void normalisesSpacesAndCase() {
        assertEquals(Iban.of(GOOD), Iban.of(" de89 3704 0044 0532 0130 00 "));
        assertEquals(GOOD, Iban.of("de89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000").value());
    }

    @Test
    void toStringIsMasked() {
        Iban iban = Iban.of(GOOD);
        assertEquals("DE89 **** **** **** **30 00", iban.toString());
        assertFalse(iban.toString().contains("0532"));
        assertFalse(Iban.check(GOOD).toString().contains("0532"));
    }

    @Test
    void otherCountries() {
        Iban at = Iban.of("AT61 1904 3002 3457 3201");
        assertEquals("AT", at.countryCode());
        assertEquals("AT61 **** **** **** 3201", at.masked());
        Iban nl = Iban.of("NL91ABNA0417164300");
        assertEquals("NL91 **** **** **43 00", nl.masked());
    }

    @Test
    void badChecksum() {
        ValueValidationException e = assertInvalid("iban.checksum", () -> Iban.of("DE88370400440532013000"));
        assertNull(e.getCause());
        assertFalse(e.getMessage().contains("0532013000"));
        assertFalse(e.getMessage(Locale.ENGLISH).contains("0532013000"));
        assertTrue(e.getMessage().contains("Prüfziffern"));
    }

    @Test
    void swappedDigits() {
        assertInvalid("iban.checksum", () -> Iban.of("DE89370400440532010300"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE8937040044053201300", "DE893704004405320130001"})
    void wrongLength(String text) {
        ValueValidationException e = assertInvalid("iban.length", () -> Iban.of(text));
        assertEquals("DE", e.arguments().get(0));
        assertEquals(22, e.arguments().get(1));
        assertEquals(text.length(), e.arguments().get(2));
        assertEquals("Eine IBAN mit dem Ländercode „DE“ hat 22 Zeichen. Sie haben " + text.length() + " eingegeben.",
                e.getMessage());
    }

    @Test
    void unknownCountry() {
        ValueValidationException e = assertInvalid("iban.unsupportedCountry", () -> Iban.of("XX89370400440532013000"));
        assertEquals("XX", e.arguments().get(0));
        assertInvalid("iban.unsupportedCountry", () -> Iban.of("US89370400440532013000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1289370400440532013000", "D", "D189370400440532013000"})
    void missingCountryCode(String text) {
        assertInvalid("iban.countryCode", () -> Iban.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89-3704-0044-0532-0130-00", "DE89370400440532013ÄÖÜ", "DE89.370400440532013000"})
    void invalidCharacters(String text) {
        ValueValidationException e = assertInvalid("iban.invalidCharacter", () -> Iban.of(text));
        assertFalse(e.getMessage().contains("3704"));
    }

    @Test
    void wrongBbanFormat() {
        // right length, but a German BBAN has digits only
        ValueValidationException e = assertInvalid("iban.format", () -> Iban.of("DE89370400440532013ABC"));
        assertNull(e.getCause());
    }

    @Test
    void empty() {
        assertInvalid("iban.empty", () -> Iban.of("  "));
        assertInvalid("iban.empty", () -> Iban.of(null));
    }
}

package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.time.Month;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class KennzeichenTest {

    @ParameterizedTest
    @CsvSource({
        "'B-AB 1234', 'B-AB 1234'",
        "'b ab1234', 'B-AB 1234'",
        "'B AB 1234', 'B-AB 1234'",
        "'B-AB1234', 'B-AB 1234'",
        "'  b - ab - 1234 ', 'B-AB 1234'",
        "'B–AB 1234', 'B-AB 1234'",
        "'B\u00a0AB\u00a01234', 'B-AB 1234'",
        "'B-AB 12 34', 'B-AB 1234'",
        "'M-X 99H', 'M-X 99H'",
        "'m x 99 h', 'M-X 99H'",
        "'MX99H', 'M-X 99H'",
        "'S-E 1E', 'S-E 1E'",
        "'LÖ-A 1', 'LÖ-A 1'",
        "'lö a 1', 'LÖ-A 1'",
        "'TÜ-XY 987', 'TÜ-XY 987'",
        "'TÜA1', 'TÜ-A 1'",
        "'ABC-DE 123', 'ABC-DE 123'",
        "'ABCDE123', 'ABC-DE 123'",
        "'HH-A 1', 'HH-A 1'",
        "'K-Z 9999', 'K-Z 9999'",
    })
    void parsesTolerantly(String text, String canonical) {
        Kennzeichen k = Kennzeichen.of(text);
        assertEquals(canonical, k.formatted());
        assertEquals(canonical, k.toString());
        assertEquals(k, Kennzeichen.of(canonical));
    }

    @Test
    void components() {
        Kennzeichen k = Kennzeichen.of("B-AB 1234");
        assertEquals("B", k.unterscheidungszeichen());
        assertEquals("AB", k.erkennungsbuchstaben());
        assertEquals(1234, k.erkennungszahl());
        assertEquals("AB 1234", k.erkennungsnummer());
        assertEquals(7, k.positions());
        assertEquals(Kennzeichen.Suffix.NONE, k.suffix());
        assertFalse(k.isElektro());
        assertFalse(k.isHistorisch());
        assertFalse(k.isSaison());
        assertFalse(k.isWechselkennzeichen());
        assertEquals(Optional.empty(), k.saison());
        assertEquals(Optional.empty(), k.wechselkennzeichenKlasse());
    }

    // ---- length: 8 positions in general, 7 without the suffix for E and H

    @Test
    void eightPositionsAreTheMaximum() {
        Kennzeichen k = Kennzeichen.of("AB-CD 1234");
        assertEquals(8, k.positions());
        Kennzeichen k2 = Kennzeichen.of("ABC-D 1234");
        assertEquals(8, k2.positions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC-DE 1234", "ABCDE1234"})
    void ninePositionsAreTooLong(String text) {
        ValueValidationException e = assertInvalid("kennzeichen.tooLong", () -> Kennzeichen.of(text));
        assertEquals(List.of(8, 9), e.arguments());
        assertEquals("Ein Kennzeichen hat höchstens 8 Buchstaben und Ziffern zusammen (ohne Bindestrich und "
                + "Leerzeichen). Ihre Eingabe hat 9.", e.getMessage());
        assertEquals("A licence plate number has at most 8 letters and digits in total (not counting hyphens "
                + "and spaces). Your entry has 9.", e.getMessage(Locale.ENGLISH));
    }

    @Test
    void electric() {
        Kennzeichen k = Kennzeichen.of("B-AB 123E");
        assertTrue(k.isElektro());
        assertEquals(Kennzeichen.Suffix.E, k.suffix());
        assertEquals("AB 123E", k.erkennungsnummer());
        assertEquals(6, k.positions());
        assertEquals(7, Kennzeichen.of("AB-CD 123E").positions());
    }

    @Test
    void historic() {
        Kennzeichen k = Kennzeichen.of("M-X 99H");
        assertTrue(k.isHistorisch());
        assertFalse(k.isElektro());
        assertEquals(Kennzeichen.Suffix.H, k.suffix());
        assertEquals(99, k.erkennungszahl());
        assertEquals(7, Kennzeichen.of("ABC-D 123H").positions());
        assertEquals(7, Kennzeichen.of("ABC-DE 12H").positions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB-CD 1234H", "ABC-D 1234 H", "AB-CD 1234E", "ABC-DE 123H"})
    void suffixWithEightPositionsIsTooLong(String text) {
        ValueValidationException e = assertInvalid("kennzeichen.tooLongWithSuffix", () -> Kennzeichen.of(text));
        assertEquals(7, e.arguments().get(0));
        assertEquals(8, e.arguments().get(1));
    }

    @Test
    void suffixTooLongMessage() {
        ValueValidationException e = assertInvalid("kennzeichen.tooLongWithSuffix",
                () -> Kennzeichen.of("AB-CD 1234H"));
        assertEquals("Ein Kennzeichen mit „H“ hat ohne das „H“ höchstens 7 Buchstaben und Ziffern zusammen. "
                + "Ihre Eingabe hat 8.", e.getMessage());
    }

    // ---- structure

    @ParameterizedTest
    @ValueSource(strings = {"B-AB 0123", "B-AB 0", "B-AB 01H"})
    void leadingZero(String text) {
        assertInvalid("kennzeichen.leadingZero", () -> Kennzeichen.of(text));
    }

    @Test
    void numberWithFiveDigits() {
        ValueValidationException e = assertInvalid("kennzeichen.zahlLength", () -> Kennzeichen.of("B-A 12345"));
        assertEquals(List.of(5), e.arguments());
    }

    @Test
    void districtTooLong() {
        ValueValidationException e = assertInvalid("kennzeichen.unterscheidungszeichenLength",
                () -> Kennzeichen.of("ABCD-E 1"));
        assertEquals(List.of(4), e.arguments());
    }

    @Test
    void threeErkennungsbuchstaben() {
        ValueValidationException e = assertInvalid("kennzeichen.erkennungsbuchstabenLength",
                () -> Kennzeichen.of("B-ABC 1"));
        assertEquals(List.of(3), e.arguments());
    }

    @Test
    void umlautInErkennungsnummer() {
        assertInvalid("kennzeichen.erkennungsbuchstabenUmlaut", () -> Kennzeichen.of("B-ÄB 1"));
        assertInvalid("kennzeichen.erkennungsbuchstabenUmlaut", () -> Kennzeichen.of("BÖ1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B-AB", "B AB", "LÖ-"})
    void missingNumber(String text) {
        assertInvalid("kennzeichen.missingNumber", () -> Kennzeichen.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "1234 AB", "B A B 12", "B-AB 12 H 3", "B-AB 12 E H"})
    void badStructure(String text) {
        assertInvalid("kennzeichen.format", () -> Kennzeichen.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B-AB 1234X", "B-AB 1234 EH", "M-X 99 HH"})
    void unknownSuffix(String text) {
        assertInvalid("kennzeichen.suffix", () -> Kennzeichen.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B_AB 1234", "B/AB 1234", "B.AB 1234", "B-AB 1234!", "B-ÉB 1"})
    void invalidCharacters(String text) {
        assertInvalid("kennzeichen.invalidCharacter", () -> Kennzeichen.of(text));
    }

    @Test
    void missingErkennungsbuchstaben() {
        assertInvalid("kennzeichen.erkennungsbuchstabenMissing", () -> Kennzeichen.of("B 1234"));
        assertInvalid("kennzeichen.erkennungsbuchstabenMissing", () -> Kennzeichen.of("B1234"));
    }

    @Test
    void tooManyLettersWithoutSeparator() {
        ValueValidationException e = assertInvalid("kennzeichen.tooManyLetters", () -> Kennzeichen.of("ABCDEF1"));
        assertEquals(List.of(6), e.arguments());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-"})
    void empty(String text) {
        if (text.equals("-")) {
            assertInvalid("kennzeichen.format", () -> Kennzeichen.of(text));
        } else {
            assertInvalid("kennzeichen.empty", () -> Kennzeichen.of(text));
        }
    }

    @Test
    void nullIsEmpty() {
        assertInvalid("kennzeichen.empty", () -> Kennzeichen.of(null));
    }

    // ---- splitting without a separator

    @Test
    void ambiguousWithoutSeparatorAsksForTheHyphen() {
        ValueValidationException e = assertInvalid("kennzeichen.ambiguous", () -> Kennzeichen.of("BAB1234"));
        assertEquals(List.of("B-AB 1234", "BA-B 1234"), e.arguments());
        assertEquals("Es ist nicht eindeutig, wo die Buchstaben des Zulassungsbezirks enden: „B-AB 1234“ oder "
                + "„BA-B 1234“? Bitte setzen Sie einen Bindestrich dahinter, zum Beispiel „B-AB 1234“.",
                e.getMessage());
        assertTrue(e.getMessage(Locale.ENGLISH).contains("Please put a hyphen"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BAB1234", "bab 1234", "BAB-1234", "HHAB1", "MABC 1H"})
    void ambiguousInputs(String text) {
        assertInvalid("kennzeichen.ambiguous", () -> Kennzeichen.of(text));
    }

    @Test
    void separatorResolvesAmbiguity() {
        assertEquals("BA-B 1234", Kennzeichen.of("BA B1234").formatted());
        assertEquals("B-AB 1234", Kennzeichen.of("B AB1234").formatted());
        assertEquals("HH-AB 1", Kennzeichen.of("HH-AB1").formatted());
    }

    @Test
    void unambiguousWithoutSeparator() {
        assertEquals("M-X 99", Kennzeichen.of("MX99").formatted()); // 2 letters: 1 + 1
        assertEquals("ABC-DE 1", Kennzeichen.of("ABCDE1").formatted()); // 5 letters: 3 + 2
    }

    // ---- Saison

    @Test
    void saisonkennzeichen() {
        Kennzeichen k = Kennzeichen.of("B-AB 1234").withSaison(4, 10);
        assertTrue(k.isSaison());
        assertEquals(Saison.of(4, 10), k.saison().orElseThrow());
        assertEquals(Month.APRIL, k.saison().orElseThrow().firstMonth());
        assertEquals("B-AB 1234", k.formatted());
        assertNotEquals(Kennzeichen.of("B-AB 1234"), k);
        assertEquals(Kennzeichen.of("B-AB 1234"), k.withoutSaison());
        assertEquals(k, Kennzeichen.of("B AB 1234").withSaison(Saison.of("04-10")));
        assertEquals(k.hashCode(), Kennzeichen.of("B AB 1234").withSaison(Saison.of("04-10")).hashCode());
    }

    @Test
    void saisonWithHistoricAndElectric() {
        Kennzeichen h = Kennzeichen.of("M-X 99H").withSaison(4, 9);
        assertTrue(h.isHistorisch());
        assertTrue(h.isSaison());
        assertTrue(Kennzeichen.of("M-X 99E").withSaison(3, 10).isElektro());
    }

    @ParameterizedTest
    @CsvSource({"0,10", "4,13", "13,1"})
    void saisonMonthsOutOfRange(int from, int to) {
        Kennzeichen k = Kennzeichen.of("B-AB 1234");
        assertInvalid("saison.monthRange", () -> k.withSaison(from, to));
    }

    @ParameterizedTest
    @CsvSource({"4,4", "1,12", "6,5"})
    void saisonTooShortOrTooLong(int from, int to) {
        Kennzeichen k = Kennzeichen.of("B-AB 1234");
        assertInvalid("saison.duration", () -> k.withSaison(from, to));
    }

    // ---- Wechselkennzeichen

    @ParameterizedTest
    @EnumSource(value = Fahrzeugklasse.class, names = {"M1", "L", "O1"})
    void wechselkennzeichenForAllowedClasses(Fahrzeugklasse klasse) {
        Kennzeichen k = Kennzeichen.of("B-AB 123").asWechselkennzeichen(klasse);
        assertTrue(k.isWechselkennzeichen());
        assertEquals(Optional.of(klasse), k.wechselkennzeichenKlasse());
        assertEquals("B-AB 123", k.formatted());
        assertNotEquals(Kennzeichen.of("B-AB 123"), k);
        assertEquals(Kennzeichen.of("B-AB 123"), k.withoutWechselkennzeichen());
    }

    @ParameterizedTest
    @EnumSource(value = Fahrzeugklasse.class, names = {"M1", "L", "O1"}, mode = EnumSource.Mode.EXCLUDE)
    void wechselkennzeichenRejectedForOtherClasses(Fahrzeugklasse klasse) {
        Kennzeichen k = Kennzeichen.of("B-AB 123");
        ValueValidationException e = assertInvalid("kennzeichen.wechselkennzeichenKlasse",
                () -> k.asWechselkennzeichen(klasse));
        assertEquals(List.of(klasse.name()), e.arguments());
    }

    @Test
    void wechselkennzeichenMessage() {
        ValueValidationException e = assertInvalid("kennzeichen.wechselkennzeichenKlasse",
                () -> Kennzeichen.of("B-AB 123").asWechselkennzeichen(Fahrzeugklasse.N1));
        assertTrue(e.getMessage().contains("Das Fahrzeug hat die Klasse N1"), e.getMessage());
        assertTrue(e.getMessage(Locale.ENGLISH).contains("The vehicle is of class N1"));
    }

    @Test
    void wechselSaisonHistoricCombined() {
        Kennzeichen k = Kennzeichen.of("B-AB 12H").withSaison(4, 10).asWechselkennzeichen(Fahrzeugklasse.L);
        assertTrue(k.isHistorisch() && k.isSaison() && k.isWechselkennzeichen());
        assertEquals("B-AB 12H", k.toString());
    }

    @Test
    void checkWithoutThrowing() {
        assertTrue(Kennzeichen.check("B-AB 1234").isValid());
        ValidationResult<Kennzeichen> r = Kennzeichen.check("BAB1234");
        assertFalse(r.isValid());
        assertTrue(r.message(Locale.GERMAN).orElseThrow().contains("Bindestrich"));
    }
}

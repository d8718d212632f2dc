package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.time.Month;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaisonTest {

    @ParameterizedTest
    @CsvSource({"4,10,7", "3,4,2", "1,11,11", "10,3,6", "12,1,2", "2,12,11", "11,9,11"})
    void valid(int from, int to, int months) {
        Saison saison = Saison.of(from, to);
        assertEquals(months, saison.monthCount());
        assertEquals(Month.of(from), saison.firstMonth());
        assertEquals(Month.of(to), saison.lastMonth());
    }

    @Test
    void contains() {
        Saison summer = Saison.of(4, 10);
        assertTrue(summer.contains(Month.APRIL));
        assertTrue(summer.contains(Month.OCTOBER));
        assertFalse(summer.contains(Month.NOVEMBER));
        assertFalse(summer.contains(Month.MARCH));
        Saison winter = Saison.of(11, 2);
        assertTrue(winter.contains(Month.JANUARY));
        assertTrue(winter.contains(Month.NOVEMBER));
        assertFalse(winter.contains(Month.MARCH));
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "5,5,1", "1,12,12", "5,4,12"})
    void wrongDuration(int from, int to, int months) {
        ValueValidationException e = assertInvalid("saison.duration", () -> Saison.of(from, to));
        assertEquals(months, e.arguments().get(0));
    }

    @Test
    void durationMessages() {
        ValueValidationException one = assertInvalid("saison.duration", () -> Saison.of(5, 5));
        assertTrue(one.getMessage().endsWith("umfasst einen Monat."), one.getMessage());
        assertTrue(one.getMessage(Locale.ENGLISH).endsWith("covers one month."), one.getMessage(Locale.ENGLISH));
        ValueValidationException twelve = assertInvalid("saison.duration", () -> Saison.of(1, 12));
        assertTrue(twelve.getMessage().endsWith("umfasst 12 Monate."), twelve.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0,5", "13,5", "4,0", "4,13", "-1,5"})
    void monthOutOfRange(int from, int to) {
        assertInvalid("saison.monthRange", () -> Saison.of(from, to));
    }

    @ParameterizedTest
    @CsvSource({"'04-10',4,10", "'4/10',4,10", "' 03 – 11 ',3,11", "'11-3',11,3"})
    void parse(String text, int from, int to) {
        assertEquals(Saison.of(from, to), Saison.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "April-Oktober", "4", "4-10-12", "123-4"})
    void parseBadFormat(String text) {
        assertInvalid("saison.format", () -> Saison.of(text));
    }

    @Test
    void parseMonthOutOfRange() {
        assertInvalid("saison.monthRange", () -> Saison.of("04-13"));
        assertInvalid("saison.monthRange", () -> Saison.of("00-10"));
    }

    @Test
    void toStringAsOnThePlate() {
        assertEquals("04-10", Saison.of(4, 10).toString());
        assertEquals("11-03", Saison.of(11, 3).toString());
    }
}

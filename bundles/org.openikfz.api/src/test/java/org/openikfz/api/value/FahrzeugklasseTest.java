package org.openikfz.api.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openikfz.api.value.Assertions2.assertInvalid;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FahrzeugklasseTest {

    @Test
    void wechselkennzeichenOnlyForM1LO1() {
        for (Fahrzeugklasse k : Fahrzeugklasse.values()) {
            assertEquals(EnumSet.of(Fahrzeugklasse.M1, Fahrzeugklasse.L, Fahrzeugklasse.O1).contains(k),
                    k.isWechselkennzeichenAllowed(), k.name());
        }
    }

    @ParameterizedTest
    @CsvSource({"M1,M1", "m1,M1", "M1G,M1", "N3G,N3", "L,L", "L3e,L", "l1E,L", "L7e,L", "O1,O1", "o4,O4",
            "T,T", "T1b,T", "C2,C", "R3a,R", "S1,S", "' M 1 ',M1"})
    void parse(String text, Fahrzeugklasse expected) {
        assertEquals(expected, Fahrzeugklasse.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"M4", "L8e", "O5", "X", "Pkw", "SUV", "N"})
    void unknown(String text) {
        assertInvalid("fahrzeugklasse.unknown", () -> Fahrzeugklasse.of(text));
    }

    @Test
    void empty() {
        assertInvalid("fahrzeugklasse.empty", () -> Fahrzeugklasse.of(" "));
        assertTrue(Fahrzeugklasse.check("M1").isValid());
        assertFalse(Fahrzeugklasse.check("").isValid());
    }
}

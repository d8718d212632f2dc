package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.connector.Holder;

class VehicleTest {

    /** A line as the simulator wrote it before the register knew HU, authority and dates (10 fields). */
    static final String OLD_LINE = "ERZ-AB 123\tWVWZZZ1JZXW000001\tAb3De4F\t\tK7m,P2x\tfalse\tErika Mustermann\t"
            + "Hauptstraße 1\t09456\tAnnaberg-Buchholz";

    @Test
    void readsTheOldTenFieldLines() {
        Vehicle v = Vehicle.fromLine(OLD_LINE);
        assertEquals("ERZ-AB 123", v.kennzeichen());
        assertEquals("WVWZZZ1JZXW000001", v.fin());
        assertEquals("Ab3De4F", v.zb1());
        assertEquals("", v.zb2());
        assertEquals(List.of("K7m", "P2x"), v.plaketten());
        assertFalse(v.registered());
        assertEquals("Erika Mustermann", v.holder().name());
        assertEquals("Annaberg-Buchholz", v.holder().city());
        assertNull(v.holder().dateOfBirth());
        assertNull(v.deregisteredOn());
        assertFalse(v.verwertungsnachweis());
        assertNull(v.nextHu());
        assertEquals("ERZ", v.authority());
        assertNull(v.firstRegistration());
    }

    @Test
    void roundTripsTheNewFields() {
        Vehicle v = new Vehicle("C-UM 77", "WBA8E11060K000007", "Cu7Mw3K", "Cm4Tv9Bn2Xp7", List.of("R5t", "V8w"), false,
                new Holder("Max Mustermann", "Brückenstraße 10", "09111", "Chemnitz", LocalDate.of(1971, 3, 2)),
                LocalDate.of(2024, 3, 15), true, YearMonth.of(2027, 8), "C", YearMonth.of(2018, 8));
        Vehicle read = Vehicle.fromLine(v.toLine());
        assertEquals(v, read);
        assertEquals(16, v.toLine().split("\t", -1).length);
    }

    @Test
    void roundTripsEmptyOptionalFields() {
        Vehicle v = new Vehicle("ERZ-E 7E", "VF1AG000000000003", "Ew5Kp8S", "", List.of(), true,
                new Holder("Muster GmbH", "Industriestraße 9", "08280", "Aue-Bad Schlema", null), null, false, null, "ERZ", null);
        assertEquals(v, Vehicle.fromLine(v.toLine()));
    }

    @Test
    void tabsAndLineBreaksInNamesDoNotBreakTheFile() {
        Vehicle v = new Vehicle("ERZ-AB 1", "WVWZZZ1JZXW000009", "", "", List.of(), true,
                new Holder("Tab\tName\nZwei", "S", "P", "C", null), null, false, null, "ERZ", null);
        Vehicle read = Vehicle.fromLine(v.toLine());
        assertEquals("Tab Name Zwei", read.holder().name());
        assertEquals("ERZ", read.authority());
    }

    @Test
    void rejectsTruncatedLines() {
        assertThrows(IllegalArgumentException.class, () -> Vehicle.fromLine("ERZ-AB 1\tFIN"));
    }

    @Test
    void toStringShowsNoCodes() {
        String s = KbaSimulator.DEMO.get(0).toString();
        assertFalse(s.contains("Ab3De4F") || s.contains("K7m") || s.contains(KbaSimulator.DEMO.get(0).zb2()), s);
        assertFalse(s.contains("Erika"), s);
    }

    @Test
    void aRegisterFileOfTheOldFormatStillLoads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kba-vehicles.tsv"), OLD_LINE.replace("\tfalse\t", "\ttrue\t") + "\n");
        KbaSimulator kba = new KbaSimulator(dir, new GdvSimulator(dir));
        assertEquals(1, kba.vehicles().size(), "no demo data over an existing register");
        assertTrue(kba.held("ERZ-AB 123"));
        assertEquals("ERZ", kba.vehicles().get(0).authority());
    }
}

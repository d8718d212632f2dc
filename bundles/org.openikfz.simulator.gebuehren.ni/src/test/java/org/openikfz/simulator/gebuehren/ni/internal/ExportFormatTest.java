package org.openikfz.simulator.gebuehren.ni.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    private static final LocalDate STAND = LocalDate.of(2025, 6, 1);
    private static final Debtor ORGANISATION = new Debtor("Säumig Bau GmbH", null, "30159", new BigDecimal("980.5"),
            "NI-2025-000077", "Region Hannover, Kasse");

    @Test
    void anIntactFileHasTheHeaderOneLineADebtorAndTheTrailerWithCountAndStand() {
        String file = ExportFormat.write(List.of(DebtorRegister.SEED, ORGANISATION), STAND);

        assertEquals("""
                name;geburtsdatum;plz;betrag;kassenzeichen;glaeubiger
                Norbert Nachzahlung;1968-06-06;;120.00;NI-2025-000042;Landkreis Musterland, Kreiskasse
                Säumig Bau GmbH;;30159;980.50;NI-2025-000077;Region Hannover, Kasse
                #ende;2;2025-06-01
                """, file);
    }

    @Test
    void anEmptyListStillHasHeaderAndTrailer() {
        assertEquals("name;geburtsdatum;plz;betrag;kassenzeichen;glaeubiger\n#ende;0;2025-06-01\n",
                ExportFormat.write(List.of(), STAND));
    }

    @Test
    void truncatedCutsTheLastLineAndHasNoTrailer() {
        String file = ExportFormat.write(List.of(DebtorRegister.SEED, ORGANISATION), STAND,
                ExportFormat.Broken.TRUNCATED);

        String[] lines = file.split("\n", -1);
        assertEquals(3, lines.length, file);
        assertTrue(lines[1].endsWith("Landkreis Musterland, Kreiskasse"), file);
        assertTrue(lines[2].length() > 0 && "Säumig Bau GmbH;;30159;980.50;NI-2025-000077;Region Hannover, Kasse"
                .startsWith(lines[2]) && lines[2].length() < 60, lines[2]);
        assertFalse(file.contains("#ende"));
    }

    @Test
    void baddateWritesOneDateOfBirthInGermanNotation() {
        String file = ExportFormat.write(List.of(DebtorRegister.SEED, ORGANISATION), STAND, ExportFormat.Broken.BADDATE);

        assertTrue(file.contains("Norbert Nachzahlung;06.06.1968;"), file);
        assertTrue(file.endsWith("#ende;2;2025-06-01\n"), file);
    }

    @Test
    void baddateWithoutAnyPersonBreaksTheStand() {
        String file = ExportFormat.write(List.of(ORGANISATION), STAND, ExportFormat.Broken.BADDATE);

        assertTrue(file.endsWith("#ende;1;01.06.2025\n"), file);
    }

    @Test
    void countMismatchCountsOneMore() {
        String file = ExportFormat.write(List.of(DebtorRegister.SEED), STAND, ExportFormat.Broken.COUNT);

        assertTrue(file.endsWith("\n#ende;2;2025-06-01\n"), file);
    }

    @Test
    void unknownBrokenVariantIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExportFormat.Broken.of("gone"));
    }

    @Test
    void aDebtorTheFormatCannotHoldIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Debtor("Semi;Colon", LocalDate.of(1970, 1, 1), null, BigDecimal.TEN, "NI-1", "Kasse"));
        assertThrows(IllegalArgumentException.class,
                () -> new Debtor("\"Quoted\"", LocalDate.of(1970, 1, 1), null, BigDecimal.TEN, "NI-1", "Kasse"));
        assertThrows(IllegalArgumentException.class,
                () -> new Debtor("Line\nBreak", LocalDate.of(1970, 1, 1), null, BigDecimal.TEN, "NI-1", "Kasse"));
        assertThrows(IllegalArgumentException.class, // an organisation is identified by its plz
                () -> new Debtor("Firma ohne PLZ", null, null, BigDecimal.TEN, "NI-2025-1", "Kasse"));
        assertThrows(IllegalArgumentException.class,
                () -> new Debtor("Zu Genau", LocalDate.of(1970, 1, 1), null, new BigDecimal("1.005"), "NI-2025-1", "K"));
        assertThrows(IllegalArgumentException.class,
                () -> new Debtor("Nichts", LocalDate.of(1970, 1, 1), null, BigDecimal.ZERO, "NI-2025-1", "Kasse"));
    }
}

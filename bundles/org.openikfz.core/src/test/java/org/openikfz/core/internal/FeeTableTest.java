package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FeeTableTest {

    @Test
    void theShippedTableHasTheItemsOfThe2019Ordinance() {
        FeeTable table = FeeTable.bundled();
        LocalDate day = LocalDate.of(2026, 11, 22);
        assertEquals(new BigDecimal("27.90"), table.find("221.1.1", day).orElseThrow().amount());
        assertEquals(new BigDecimal("11.40"), table.find("225.1", day).orElseThrow().amount());
        assertEquals(new BigDecimal("2.70"), table.find("224", day).orElseThrow().amount());
    }

    @Test
    void anAmountAppliesOnlyInItsPeriod() throws IOException {
        FeeTable table = FeeTable.parse(tsv("""
                # a change of the ordinance is a new line
                224\t2024-01-01\t2026-12-31\t2.70\tAlt\tOld
                224\t2027-01-01\t\t3.10\tNeu\tNew
                """));
        assertEquals(new BigDecimal("2.70"), table.find("224", LocalDate.of(2026, 12, 31)).orElseThrow().amount());
        assertEquals(new BigDecimal("3.10"), table.find("224", LocalDate.of(2027, 1, 1)).orElseThrow().amount());
        assertTrue(table.find("224", LocalDate.of(2023, 12, 31)).isEmpty());
    }

    @Test
    void aBrokenLineIsRefusedNotGuessed() {
        assertThrows(IOException.class, () -> FeeTable.parse(tsv("224\t2024-01-01\t2.70\n")));
    }

    private static ByteArrayInputStream tsv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLandsTableReplacesTheItemsItNamesAndKeepsTheOthers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path land = dir.resolve("gebost-sachsen.tsv");
        java.nio.file.Files.writeString(land, "225.1\t2026-01-01\t\t9.90\tAdressänderung (Land)\tAddress change (Land)\n");
        FeeTable table = FeeTable.bundled().withOverrides(land.toString());
        LocalDate day = LocalDate.of(2026, 11, 22);
        assertEquals(new BigDecimal("9.90"), table.find("225.1", day).orElseThrow().amount());
        assertTrue(table.find("225.1", LocalDate.of(2025, 6, 1)).isEmpty(), "every period of a replaced item goes");
        assertEquals(new BigDecimal("27.90"), table.find("221.1.1", day).orElseThrow().amount());
    }

    @Test
    void anUnreadableLandsTableStopsTheEngineWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeeTable.bundled().withOverrides("/nonexistent/gebost.tsv"));
        assertTrue(e.getMessage().contains("/nonexistent/gebost.tsv"), e.getMessage());
    }
}

package org.openikfz.simulator.gebuehren.by.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is a debtor, and that the debtors survive a restart. */
class DebtorRegisterTest {

    static final LocalDate BERTA_BORN = LocalDate.of(1970, 3, 3);

    @TempDir
    Path dir;

    @Test
    void theSeedDebtorMatchesByNameCaseInsensitiveWithWhitespaceCollapsedAndDateOfBirth() {
        DebtorRegister register = new DebtorRegister(dir);
        assertEquals(List.of(DebtorRegister.SEED), register.find("Berta Beitragsrest", BERTA_BORN));
        assertEquals(1, register.find("  berta   BEITRAGSREST ", BERTA_BORN).size());
        assertEquals(1, register.find("Berta\tBeitragsrest", null).size(), "no date of birth asked: the name decides");
        assertTrue(register.find("Berta Beitragsrest", LocalDate.of(1970, 3, 4)).isEmpty(), "another person of that name");
        assertTrue(register.find("Berta Beitrags rest", BERTA_BORN).isEmpty());
        assertTrue(register.find("Berta", BERTA_BORN).isEmpty(), "no partial match");
    }

    @Test
    void theDemoPersonsAreClear() {
        DebtorRegister register = new DebtorRegister(dir);
        assertTrue(register.find("Erika Mustermann", LocalDate.of(1964, 8, 12)).isEmpty());
        assertTrue(register.find("Max Mustermann", null).isEmpty());
        assertTrue(register.find("Muster GmbH", null).isEmpty());
    }

    @Test
    void aDebtorWithoutDateOfBirthMatchesEveryoneOfThatName() {
        DebtorRegister register = new DebtorRegister(dir);
        register.put(new Debtor("Muster Spedition GmbH", null, new BigDecimal("12.5"), "BY-2025-000001",
                "Landratsamt Musterkreis", LocalDate.of(2025, 5, 1)));
        List<Debtor> found = register.find("muster spedition gmbh", LocalDate.of(1990, 1, 1));
        assertEquals(1, found.size());
        assertEquals(new BigDecimal("12.50"), found.get(0).amount());
    }

    @Test
    void debtorsArePersistedAndAKassenzeichenIsReplacedNotDuplicated() throws Exception {
        DebtorRegister register = new DebtorRegister(dir);
        assertTrue(Files.exists(dir.resolve(DebtorRegister.FILE)), "the seed is written on the first start");
        register.put(new Debtor("Karl\tKasse", LocalDate.of(1980, 1, 2), new BigDecimal("10.00"), "BY-2025-000002",
                "Stadt Musterstadt", LocalDate.of(2025, 6, 1)));
        register.put(new Debtor("Berta Beitragsrest", BERTA_BORN, new BigDecimal("20.00"), "BY-2025-000003",
                "Stadt Musterstadt", LocalDate.of(2025, 6, 1)));
        register.put(new Debtor("Karl Kasse", LocalDate.of(1980, 1, 2), new BigDecimal("11.00"), "by-2025-000002",
                "Stadt Musterstadt", LocalDate.of(2025, 6, 1)));

        DebtorRegister reloaded = new DebtorRegister(dir);
        assertEquals(3, reloaded.all().size());
        assertEquals(new BigDecimal("11.00"), reloaded.find("Karl Kasse", null).get(0).amount());
        assertEquals(2, reloaded.find("Berta Beitragsrest", BERTA_BORN).size(), "two open fees of one person");
        String file = Files.readString(dir.resolve(DebtorRegister.FILE), StandardCharsets.UTF_8);
        assertEquals(4, file.lines().count(), "a header and one line per debtor: " + file);
    }

    @Test
    void aDamagedFileIsReportedByLineNumberWithoutItsContent() throws Exception {
        Files.writeString(dir.resolve(DebtorRegister.FILE), "Geheim Name\t1970-01-01\tkein Betrag\tBY-1\tX\t2025-01-01\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DebtorRegister(dir));
        assertTrue(e.getMessage().contains("line 1"));
        assertFalse(e.getMessage().contains("Geheim"));
    }

    @Test
    void invalidDebtorsAreRefused() {
        LocalDate due = LocalDate.of(2025, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new Debtor(" ", null, BigDecimal.ONE, "BY-1-2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> new Debtor("A", null, BigDecimal.ZERO, "BY-1-2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> new Debtor("A", null, new BigDecimal("1.005"), "BY-1-2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> new Debtor("A", null, BigDecimal.ONE, "BY 1 2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> new Debtor("A", null, BigDecimal.ONE, "BY-1-2", "", due));
        assertFalse(DebtorRegister.SEED.toString().contains("Berta"), "toString shows no personal data");
    }
}

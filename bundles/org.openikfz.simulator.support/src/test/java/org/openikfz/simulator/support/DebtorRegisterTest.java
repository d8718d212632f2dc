package org.openikfz.simulator.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.simulator.support.DebtorFile.Column;

/** Who is a debtor, and that the debtors survive a restart (laid out as the Bayern and Sachsen simulators do). */
class DebtorRegisterTest {

    static final LocalDate BERTA_BORN = LocalDate.of(1970, 3, 3);
    static final String FILE = "gebuehren-by-debtors.tsv";
    static final String KASSE = "Landratsamt Musterkreis, Staatsoberkasse Bayern";
    static final DebtorRules RULES = DebtorRules.standard();
    static final Debtor SEED = debtor("Berta Beitragsrest", BERTA_BORN, new BigDecimal("45.60"), "BY-2025-004711", KASSE,
            LocalDate.of(2025, 2, 14));
    static final DebtorFile STRICT = DebtorFile.of(FILE, DebtorFile.WITH_FAELLIG_SEIT, KASSE, "BY")
            .withRequiredColumns(4, LocalDate.of(2025, 1, 1));

    @TempDir
    Path dir;

    static Debtor debtor(String name, LocalDate born, BigDecimal amount, String kassenzeichen, String glaeubiger,
            LocalDate due) {
        return new Debtor(RULES, name, born, null, amount, kassenzeichen, glaeubiger, due);
    }

    DebtorRegister<Debtor> register(DebtorFile layout) {
        return new DebtorRegister<>(dir, layout, (n, b, p, a, k, g, f) -> debtor(n, b, a, k, g, f), List.of(SEED));
    }

    DebtorRegister<Debtor> register() {
        return register(STRICT);
    }

    @Test
    void theSeedDebtorMatchesByNameCaseInsensitiveWithWhitespaceCollapsedAndDateOfBirth() {
        DebtorRegister<Debtor> register = register();
        assertEquals(List.of(SEED), register.find("Berta Beitragsrest", BERTA_BORN));
        assertEquals(1, register.find("  berta   BEITRAGSREST ", BERTA_BORN).size());
        assertEquals(1, register.find("Berta\tBeitragsrest", null).size(), "no date of birth asked: the name decides");
        assertTrue(register.find("Berta Beitragsrest", LocalDate.of(1970, 3, 4)).isEmpty(), "another person of that name");
        assertTrue(register.find("Berta Beitrags rest", BERTA_BORN).isEmpty());
        assertTrue(register.find("Berta", BERTA_BORN).isEmpty(), "no partial match");
        assertTrue(SEED.matches(Normalizer.normalize("BERTA BEITRAGSREST", Normalizer.Form.NFD), BERTA_BORN), "NFC");
        assertFalse(SEED.matches(null, null));
    }

    @Test
    void theDemoPersonsAreClear() {
        DebtorRegister<Debtor> register = register();
        assertTrue(register.find("Erika Mustermann", LocalDate.of(1964, 8, 12)).isEmpty());
        assertTrue(register.find("Max Mustermann", null).isEmpty());
        assertTrue(register.find("Muster GmbH", null).isEmpty());
    }

    @Test
    void aDebtorWithoutDateOfBirthMatchesEveryoneOfThatName() {
        DebtorRegister<Debtor> register = register();
        register.put(debtor("Muster Spedition GmbH", null, new BigDecimal("12.5"), "BY-2025-000001",
                "Landratsamt Musterkreis", LocalDate.of(2025, 5, 1)));
        List<Debtor> found = register.find("muster spedition gmbh", LocalDate.of(1990, 1, 1));
        assertEquals(1, found.size());
        assertEquals(new BigDecimal("12.50"), found.get(0).amount());
    }

    @Test
    void debtorsArePersistedAndAKassenzeichenIsReplacedNotDuplicated() throws Exception {
        DebtorRegister<Debtor> register = register();
        assertTrue(Files.exists(dir.resolve(FILE)), "the seed is written on the first start");
        register.put(debtor("Karl\tKasse", LocalDate.of(1980, 1, 2), new BigDecimal("10.00"), "BY-2025-000002",
                "Stadt Musterstadt", LocalDate.of(2025, 6, 1)));
        register.put(debtor("Berta Beitragsrest", BERTA_BORN, new BigDecimal("20.00"), "BY-2025-000003",
                "Stadt Musterstadt", LocalDate.of(2025, 6, 1)));
        register.put(debtor("Karl Kasse", LocalDate.of(1980, 1, 2), new BigDecimal("11.00"), "by-2025-000002",
                "Stadt Musterstadt", LocalDate.of(2025, 6, 1)));

        DebtorRegister<Debtor> reloaded = register();
        assertEquals(3, reloaded.all().size());
        assertEquals(new BigDecimal("11.00"), reloaded.find("Karl Kasse", null).get(0).amount());
        assertEquals(2, reloaded.find("Berta Beitragsrest", BERTA_BORN).size(), "two open fees of one person");
        String file = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8);
        assertEquals(4, file.lines().count(), "a header and one line per debtor: " + file);
        assertTrue(file.startsWith("# name\tdateOfBirth\tamount\tkassenzeichen\tglaeubiger\tfaelligSeit\n"
                + "Berta Beitragsrest\t1970-03-03\t45.60\tBY-2025-004711\t" + KASSE + "\t2025-02-14\n"), file);
        assertFalse(Files.exists(dir.resolve(FILE + ".tmp")));
    }

    @Test
    void aDamagedFileIsReportedByLineNumberWithoutItsContent() throws Exception {
        Files.writeString(dir.resolve(FILE), "Geheim Name\t1970-01-01\tkein Betrag\tBY-1\tX\t2025-01-01\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> register());
        assertTrue(e.getMessage().contains("line 1"));
        assertFalse(e.getMessage().contains("Geheim"));
    }

    @Test
    void invalidDebtorsAreRefused() {
        LocalDate due = LocalDate.of(2025, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> debtor(" ", null, BigDecimal.ONE, "BY-1-2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> debtor("A", null, BigDecimal.ZERO, "BY-1-2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> debtor("A", null, new BigDecimal("1.005"), "BY-1-2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> debtor("A", null, BigDecimal.ONE, "BY 1 2", "X", due));
        assertThrows(IllegalArgumentException.class, () -> debtor("A", null, BigDecimal.ONE, "BY-1-2", "", due));
        assertFalse(SEED.toString().contains("Berta"), "toString shows no personal data");
    }

    @Test
    void optionalColumnsGetTheirDefaultsAndALenientFileSkipsWhatIsNoDebtor() throws Exception {
        Files.writeString(dir.resolve(FILE), "# comment\nbroken line\nAnna Probe\t 1990-01-01 \t 10.00 \tBY-2025-1\n"
                + "Otto Probe\t\t5\tBY-2025-2\t\t\n");
        DebtorRegister<Debtor> register = register(STRICT.withTitle("Test").withLenientReading());
        assertEquals(2, register.all().size());
        Debtor anna = register.find("anna probe", LocalDate.of(1990, 1, 1)).get(0);
        assertEquals(KASSE, anna.glaeubiger());
        assertEquals(LocalDate.of(2025, 1, 1), anna.faelligSeit());
        assertEquals(new BigDecimal("5.00"), register.find("Otto Probe", null).get(0).amount());
        assertThrows(IllegalStateException.class, () -> register(STRICT), "strict: the broken line stops it");
    }

    @Test
    void newKassenzeichenHaveTheLayoutsPrefixAndAreNotInUse() {
        DebtorRegister<Debtor> register = register();
        String kassenzeichen = register.newKassenzeichen(LocalDate.of(2025, 6, 1));
        assertTrue(kassenzeichen.matches("BY-2025-[0-9]{6}"), kassenzeichen);
        assertFalse(kassenzeichen.equalsIgnoreCase(SEED.kassenzeichen()));
    }

    @Test
    void aFileWithPlzAndWithoutDueDate() throws Exception {
        DebtorRules rules = DebtorRules.standard().withPlzForOrganisations().withoutFaelligSeit();
        DebtorFile layout = DebtorFile.of("ni.tsv", List.of(Column.NAME, Column.DATE_OF_BIRTH, Column.PLZ, Column.AMOUNT,
                Column.KASSENZEICHEN, Column.GLAEUBIGER), "Kreiskasse", "NI");
        DebtorRegister<Debtor> register = new DebtorRegister<>(dir, layout,
                (n, b, p, a, k, g, f) -> new Debtor(rules, n, b, p, a, k, g, f), List.of());
        register.put(new Debtor(rules, "Säumig Bau GmbH", null, "30159", new BigDecimal("980.5"), "NI-2025-7", "Kasse", null));
        assertEquals("# name\tdateOfBirth\tplz\tamount\tkassenzeichen\tglaeubiger\nSäumig Bau GmbH\t\t30159\t980.50\tNI-2025-7\tKasse\n",
                Files.readString(dir.resolve("ni.tsv")));
        assertEquals(register.all(), new DebtorRegister<>(dir, layout,
                (n, b, p, a, k, g, f) -> new Debtor(rules, n, b, p, a, k, g, f), List.of()).all());
        Files.writeString(dir.resolve("ni.tsv"), "Kurz\t1970-01-01\t\t1.00\tNI-1-1\n");
        assertThrows(IllegalStateException.class, () -> new DebtorRegister<>(dir, layout,
                (n, b, p, a, k, g, f) -> new Debtor(rules, n, b, p, a, k, g, f), List.of()), "all columns required");
    }
}

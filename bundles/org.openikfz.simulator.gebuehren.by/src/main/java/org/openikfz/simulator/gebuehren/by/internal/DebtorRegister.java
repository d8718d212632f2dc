package org.openikfz.simulator.gebuehren.by.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated Land's open fees, kept in {@code gebuehren-by-debtors.tsv} (one debtor a line: name,
 * date of birth, amount, Kassenzeichen, creditor, due since). A new installation starts with the one
 * clearly fictitious seed debtor; everyone else (also the demo persons Erika Mustermann and Muster
 * GmbH) has no arrears.
 */
final class DebtorRegister {

    static final String FILE = "gebuehren-by-debtors.tsv";
    static final String DEFAULT_GLAEUBIGER = "Landratsamt Musterkreis, Staatsoberkasse Bayern";

    /** The seed: clearly fictitious. */
    static final Debtor SEED = new Debtor("Berta Beitragsrest", LocalDate.of(1970, 3, 3), new BigDecimal("45.60"),
            "BY-2025-004711", DEFAULT_GLAEUBIGER, LocalDate.of(2025, 2, 14));

    private static final String HEADER = "# name\tdateOfBirth\tamount\tkassenzeichen\tglaeubiger\tfaelligSeit";

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private final List<Debtor> debtors = new ArrayList<>(); // guarded by this

    DebtorRegister(Path dir) {
        this.file = dir.resolve(FILE);
        if (Files.exists(file)) {
            load();
        } else {
            debtors.add(SEED);
            save();
        }
    }

    Path file() {
        return file;
    }

    /** The debtor entries for the person: all open fees recorded under the name (and date of birth). */
    synchronized List<Debtor> find(String name, LocalDate dateOfBirth) {
        return debtors.stream().filter(d -> d.matches(name, dateOfBirth)).toList();
    }

    synchronized List<Debtor> all() {
        return List.copyOf(debtors);
    }

    /** Adds the debtor, or replaces the entry with the same Kassenzeichen; saves the file. */
    synchronized Debtor put(Debtor debtor) {
        debtors.removeIf(d -> d.kassenzeichen().equalsIgnoreCase(debtor.kassenzeichen()));
        debtors.add(debtor);
        save();
        return debtor;
    }

    /** A Kassenzeichen not yet used, like {@code BY-2025-004711}. */
    synchronized String newKassenzeichen(LocalDate today) {
        while (true) {
            String candidate = String.format("BY-%d-%06d", today.getYear(), random.nextInt(1_000_000));
            if (debtors.stream().noneMatch(d -> d.kassenzeichen().equalsIgnoreCase(candidate))) {
                return candidate;
            }
        }
    }

    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                debtors.add(new Debtor(f[0], f[1].isBlank() ? null : LocalDate.parse(f[1]), new BigDecimal(f[2]), f[3],
                        f.length > 4 && !f[4].isBlank() ? f[4] : DEFAULT_GLAEUBIGER,
                        f.length > 5 && !f[5].isBlank() ? LocalDate.parse(f[5]) : LocalDate.of(2025, 1, 1)));
            } catch (RuntimeException e) { // the line's content is personal data: only its number is named
                throw new IllegalStateException(file + " line " + number + " is not a debtor record", e);
            }
        }
    }

    private void save() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Debtor d : debtors) {
            out.append(field(d.name())).append('\t').append(field(d.dateOfBirth())).append('\t')
                    .append(d.amount().toPlainString()).append('\t').append(field(d.kassenzeichen())).append('\t')
                    .append(field(d.glaeubiger())).append('\t').append(d.faelligSeit()).append('\n');
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(Object value) {
        return value == null ? "" : value.toString().replaceAll("[\\t\\r\\n]", " ");
    }
}

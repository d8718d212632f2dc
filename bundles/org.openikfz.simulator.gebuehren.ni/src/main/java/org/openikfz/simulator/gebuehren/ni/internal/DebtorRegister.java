package org.openikfz.simulator.gebuehren.ni.internal;

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
 * The simulated Land's open fees, kept in {@code gebuehren-ni-debtors.tsv} (one debtor a line: name,
 * date of birth, plz, amount, Kassenzeichen, creditor). A new installation starts with the one clearly
 * fictitious seed debtor; everyone else (also the demo persons Erika Mustermann and Muster GmbH) has no
 * arrears.
 */
final class DebtorRegister {

    static final String FILE = "gebuehren-ni-debtors.tsv";
    static final String DEFAULT_GLAEUBIGER = "Landkreis Musterland, Kreiskasse";

    /** The seed: clearly fictitious. */
    static final Debtor SEED = new Debtor("Norbert Nachzahlung", LocalDate.of(1968, 6, 6), null,
            new BigDecimal("120.00"), "NI-2025-000042", DEFAULT_GLAEUBIGER);

    private static final String HEADER = "# name\tdateOfBirth\tplz\tamount\tkassenzeichen\tglaeubiger";

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

    /** A Kassenzeichen not yet used, like {@code NI-2025-000042}. */
    synchronized String newKassenzeichen(LocalDate today) {
        while (true) {
            String candidate = String.format("NI-%d-%06d", today.getYear(), random.nextInt(1_000_000));
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
                debtors.add(new Debtor(f[0], f[1].isBlank() ? null : LocalDate.parse(f[1]), f[2], new BigDecimal(f[3]),
                        f[4], f[5]));
            } catch (RuntimeException e) { // the line's content is personal data: only its number is named
                throw new IllegalStateException(file + " line " + number + " is not a debtor record");
            }
        }
    }

    private void save() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Debtor d : debtors) {
            out.append(d.name()).append('\t').append(d.dateOfBirth() == null ? "" : d.dateOfBirth()).append('\t')
                    .append(d.plz() == null ? "" : d.plz()).append('\t').append(d.amount().toPlainString()).append('\t')
                    .append(d.kassenzeichen()).append('\t').append(d.glaeubiger()).append('\n');
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.openikfz.simulator.gebuehren.sn.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated Land's unpaid fees, kept in {@code gebuehren-sn-debtors.tsv} (one debtor a line: name,
 * date of birth, amount, Kassenzeichen, creditor, due since; tab-separated, {@code #} starts a
 * comment). A new file starts with the one fictitious seed debtor; operators may edit it while the
 * simulator is stopped or add debtors over the admin API.
 */
final class DebtorRegister {

    static final String FILE = "gebuehren-sn-debtors.tsv";
    static final String DEFAULT_GLAEUBIGER = "Landratsamt Erzgebirgskreis, Kreiskasse";

    /** Nobody owes fees except this clearly fictitious person. */
    static final List<Debtor> SEED = List.of(new Debtor("Gustav Gebührenschuld", LocalDate.of(1975, 5, 5),
            new BigDecimal("87.40"), "SN-2024-000815", DEFAULT_GLAEUBIGER, LocalDate.of(2024, 3, 15)));

    private static final Logger LOG = System.getLogger(DebtorRegister.class.getName());
    private static final String HEADER = "# Open i-Kfz simulator, Land Sachsen: unpaid registration fees\n"
            + "# name\tdateOfBirth\tamount\tkassenzeichen\tglaeubiger\tfaelligSeit\n";

    private final Path file;
    private final List<Debtor> debtors = new ArrayList<>(); // guarded by this

    DebtorRegister(Path dir) {
        this.file = dir.resolve(FILE);
        if (Files.exists(file)) {
            load();
        } else {
            debtors.addAll(SEED);
            save();
        }
    }

    /** The entries recorded for this person (name and, when both known, date of birth). */
    synchronized List<Debtor> find(String name, LocalDate dateOfBirth) {
        return debtors.stream().filter(d -> d.matches(name, dateOfBirth)).toList();
    }

    synchronized List<Debtor> all() {
        return List.copyOf(debtors);
    }

    /** Adds a debtor, or replaces the entry with the same Kassenzeichen; written to the file at once. */
    synchronized Debtor add(Debtor debtor) {
        debtors.removeIf(d -> d.kassenzeichen().equalsIgnoreCase(debtor.kassenzeichen()));
        debtors.add(debtor);
        save();
        return debtor;
    }

    Path file() {
        return file;
    }

    private void load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                debtors.add(new Debtor(f[0], f[1].isBlank() ? null : LocalDate.parse(f[1].strip()),
                        new BigDecimal(f[2].strip()), f[3], f.length > 4 && !f[4].isBlank() ? f[4] : DEFAULT_GLAEUBIGER,
                        f.length > 5 && !f[5].isBlank() ? LocalDate.parse(f[5].strip()) : LocalDate.now()));
            } catch (RuntimeException e) { // too few fields, a bad date or amount: the line names a person, so only its number
                LOG.log(Level.WARNING, "{0}: line {1} is not a debtor (name, dateOfBirth, amount, kassenzeichen, "
                        + "glaeubiger, faelligSeit), skipped", file, i + 1);
            }
        }
    }

    private void save() {
        StringBuilder out = new StringBuilder(HEADER);
        for (Debtor d : debtors) {
            out.append(field(d.name())).append('\t').append(d.dateOfBirth() == null ? "" : d.dateOfBirth()).append('\t')
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

    private static String field(String value) {
        return value.replaceAll("[\\t\\r\\n]", " ");
    }
}

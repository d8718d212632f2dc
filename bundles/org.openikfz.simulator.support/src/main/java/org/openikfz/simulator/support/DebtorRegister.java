package org.openikfz.simulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openikfz.simulator.support.DebtorFile.Column;

/**
 * A simulated Land's open fees, kept in a file under its data directory laid out as a {@link DebtorFile}.
 * A new installation starts with the clearly fictitious seed debtors; operators may edit the file while
 * the simulator is stopped or add debtors over the admin API. Every change is written at once, under a
 * temporary name first and then moved over the file, so it is complete or not changed at all.
 * Thread-safe. A simulator may subclass it to fix its Land's file and seed.
 *
 * @param <D> the Land's debtors
 */
public class DebtorRegister<D extends Debtor> {

    /** Makes the Land's debtor from a line's values (an absent column: {@code null}). */
    @FunctionalInterface
    public interface Factory<D> {
        D create(String name, LocalDate dateOfBirth, String plz, BigDecimal amount, String kassenzeichen,
                String glaeubiger, LocalDate faelligSeit);
    }

    private static final Logger LOG = System.getLogger(DebtorRegister.class.getName());

    private final Path file;
    private final DebtorFile layout;
    private final Factory<D> factory;
    private final SecureRandom random = new SecureRandom();
    private final List<D> debtors = new ArrayList<>(); // guarded by this

    /**
     * Reads {@code dir/layout.name()}, or creates it with the seed.
     *
     * @throws IllegalStateException a line is no debtor and the layout is not lenient (only its number is named)
     * @throws UncheckedIOException  the file cannot be read or written
     */
    public DebtorRegister(Path dir, DebtorFile layout, Factory<D> factory, List<? extends D> seed) {
        this.file = dir.resolve(layout.name());
        this.layout = layout;
        this.factory = factory;
        if (Files.exists(file)) {
            load();
        } else {
            debtors.addAll(seed);
            save();
        }
    }

    public final Path file() {
        return file;
    }

    /** The entries recorded for this person: all open fees under the name (and, when both known, date of birth). */
    public final synchronized List<D> find(String name, LocalDate dateOfBirth) {
        return debtors.stream().filter(d -> d.matches(name, dateOfBirth)).toList();
    }

    public final synchronized List<D> all() {
        return List.copyOf(debtors);
    }

    /** Adds the debtor, or replaces the entry with the same Kassenzeichen (ignoring case); saves the file. */
    public final synchronized D put(D debtor) {
        debtors.removeIf(d -> d.kassenzeichen().equalsIgnoreCase(debtor.kassenzeichen()));
        debtors.add(debtor);
        save();
        return debtor;
    }

    /** A Kassenzeichen not yet used, like {@code BY-2025-004711} (the layout's prefix, the year, six digits). */
    public final synchronized String newKassenzeichen(LocalDate today) {
        while (true) {
            String candidate = String.format("%s-%d-%06d", layout.kassenzeichenPrefix(), today.getYear(),
                    random.nextInt(1_000_000));
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
            try {
                debtors.add(parse(line.split("\t", -1)));
            } catch (RuntimeException e) { // too few fields, a bad date or amount: the line names a person, so only its number
                if (!layout.lenient()) {
                    throw new IllegalStateException(file + " line " + number + " is not a debtor record");
                }
                LOG.log(Level.WARNING, "{0}: line {1} is not a debtor ({2}), skipped", file, number,
                        String.join(", ", layout.columns().stream().map(Column::header).toList()));
            }
        }
    }

    private D parse(String[] fields) {
        String name = null;
        String plz = null;
        String kassenzeichen = null;
        String glaeubiger = null;
        LocalDate dateOfBirth = null;
        LocalDate faelligSeit = null;
        BigDecimal amount = null;
        List<Column> columns = layout.columns();
        for (int i = 0; i < columns.size(); i++) {
            boolean optional = i >= layout.requiredColumns();
            String raw = optional && i >= fields.length ? "" : fields[i];
            String value = layout.lenient() ? raw.strip() : raw;
            switch (columns.get(i)) {
                case NAME -> name = raw;
                case DATE_OF_BIRTH -> dateOfBirth = raw.isBlank() ? null : LocalDate.parse(value);
                case PLZ -> plz = raw;
                case AMOUNT -> amount = new BigDecimal(value);
                case KASSENZEICHEN -> kassenzeichen = raw;
                case GLAEUBIGER -> glaeubiger = optional && raw.isBlank() ? layout.defaultGlaeubiger() : raw;
                case FAELLIG_SEIT -> faelligSeit = !optional || !raw.isBlank() ? LocalDate.parse(value)
                        : layout.defaultFaelligSeit() == null ? LocalDate.now() : layout.defaultFaelligSeit();
            }
        }
        return factory.create(name, dateOfBirth, plz, amount, kassenzeichen, glaeubiger, faelligSeit);
    }

    private void save() {
        StringBuilder out = new StringBuilder(layout.header());
        for (D d : debtors) {
            List<Column> columns = layout.columns();
            for (int i = 0; i < columns.size(); i++) {
                Object value = switch (columns.get(i)) {
                    case NAME -> d.name();
                    case DATE_OF_BIRTH -> d.dateOfBirth();
                    case PLZ -> d.plz();
                    case AMOUNT -> d.amount().toPlainString();
                    case KASSENZEICHEN -> d.kassenzeichen();
                    case GLAEUBIGER -> d.glaeubiger();
                    case FAELLIG_SEIT -> d.faelligSeit();
                };
                out.append(i == 0 ? "" : "\t").append(value == null ? "" : value.toString().replaceAll("[\\t\\r\\n]", " "));
            }
            out.append('\n');
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

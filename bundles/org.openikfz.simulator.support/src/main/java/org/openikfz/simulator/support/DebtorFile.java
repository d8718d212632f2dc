package org.openikfz.simulator.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * How a simulator's {@link DebtorRegister} lays out its file under {@code data/simulator/}: one debtor a
 * line, the {@link Column}s tab-separated, {@code #} starts a comment; the header names the columns
 * (after an optional title line). Immutable; made with {@link #of} and the {@code with…} methods.
 *
 * @param name               the file name, like {@code gebuehren-by-debtors.tsv}
 * @param title              the first comment line, or {@code null} for none
 * @param columns            the columns, in order
 * @param requiredColumns    how many leading columns a line must have; a later creditor or due date that is
 *                           missing or blank gets the default
 * @param defaultGlaeubiger  the creditor of debtors added without one
 * @param defaultFaelligSeit the due date of a line without one, {@code null}: the day it is read
 * @param lenient            {@code true}: values are stripped and a line that is no debtor is skipped with a
 *                           warning; {@code false}: such a line stops the register (IllegalStateException)
 * @param kassenzeichenPrefix the prefix of new Kassenzeichen, like {@code BY} for {@code BY-2025-004711}
 */
public record DebtorFile(String name, String title, List<Column> columns, int requiredColumns,
        String defaultGlaeubiger, LocalDate defaultFaelligSeit, boolean lenient, String kassenzeichenPrefix) {

    /** A column of the file, named in its header. */
    public enum Column {
        NAME("name"), DATE_OF_BIRTH("dateOfBirth"), PLZ("plz"), AMOUNT("amount"), KASSENZEICHEN("kassenzeichen"),
        GLAEUBIGER("glaeubiger"), FAELLIG_SEIT("faelligSeit");

        private final String header;

        Column(String header) {
            this.header = header;
        }

        /** The name in the header line. */
        public String header() {
            return header;
        }
    }

    /** name, dateOfBirth, amount, kassenzeichen, glaeubiger, faelligSeit. */
    public static final List<Column> WITH_FAELLIG_SEIT = List.of(Column.NAME, Column.DATE_OF_BIRTH, Column.AMOUNT,
            Column.KASSENZEICHEN, Column.GLAEUBIGER, Column.FAELLIG_SEIT);

    public DebtorFile {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(defaultGlaeubiger, "defaultGlaeubiger");
        Objects.requireNonNull(kassenzeichenPrefix, "kassenzeichenPrefix");
        if (requiredColumns < 1 || requiredColumns > columns.size()) {
            throw new IllegalArgumentException("requiredColumns is 1 to the number of columns");
        }
    }

    /**
     * A strict file of the given columns, all required, without title; a line without due date (when
     * there is no such column, or it is optional) gets {@code null}.
     */
    public static DebtorFile of(String name, List<Column> columns, String defaultGlaeubiger, String kassenzeichenPrefix) {
        return new DebtorFile(name, null, columns, columns.size(), defaultGlaeubiger, null, false, kassenzeichenPrefix);
    }

    public DebtorFile withTitle(String newTitle) {
        return new DebtorFile(name, newTitle, columns, requiredColumns, defaultGlaeubiger, defaultFaelligSeit, lenient,
                kassenzeichenPrefix);
    }

    /** Only the first {@code count} columns are required; a missing or blank creditor or due date gets its default. */
    public DebtorFile withRequiredColumns(int count, LocalDate faelligSeitDefault) {
        return new DebtorFile(name, title, columns, count, defaultGlaeubiger, faelligSeitDefault, lenient,
                kassenzeichenPrefix);
    }

    /** Values are stripped, and a line that is no debtor is skipped with a warning instead of stopping the register. */
    public DebtorFile withLenientReading() {
        return new DebtorFile(name, title, columns, requiredColumns, defaultGlaeubiger, defaultFaelligSeit, true,
                kassenzeichenPrefix);
    }

    /** The header: the title line when there is one, then the column names. */
    String header() {
        StringBuilder out = new StringBuilder();
        if (title != null) {
            out.append("# ").append(title).append('\n');
        }
        out.append("# ").append(String.join("\t", columns.stream().map(Column::header).toList())).append('\n');
        return out.toString();
    }
}

package org.openikfz.simulator.gebuehren.ni.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Land Niedersachsen's debtor list as it delivers it: {@code schuldner-*.csv}, UTF-8, fields separated
 * by {@code ;}, no quoting (no field holds a {@code ;}, a quote or a line break), lines ended by LF.
 *
 * <pre>
 * name;geburtsdatum;plz;betrag;kassenzeichen;glaeubiger
 * Norbert Nachzahlung;1968-06-06;;120.00;NI-2025-000042;Landkreis Musterland, Kreiskasse
 * Säumig Bau GmbH;;30159;980.50;NI-2025-000077;Landkreis Musterland, Kreiskasse
 * #ende;2;2025-06-01
 * </pre>
 * The header line, then one debtor a line ({@code geburtsdatum} ISO or empty for an organisation, which its
 * {@code plz} then identifies; {@code betrag} in euro with a decimal point), then the trailer
 * {@code #ende;<count of debtor lines>;<Stand as ISO date>}, so that a truncated file is detected.
 */
final class ExportFormat {

    static final String HEADER = "name;geburtsdatum;plz;betrag;kassenzeichen;glaeubiger";
    static final String TRAILER = "#ende";

    /** The deliberately broken variants of {@code POST /admin/export?broken=}, for tests of the importer. */
    enum Broken {
        /** The transfer broke off: the last debtor line is cut in the middle and the trailer is missing. */
        TRUNCATED,
        /** A date of birth in German notation instead of ISO (or, without any person, the Stand). */
        BADDATE,
        /** The trailer counts one debtor more than the file holds. */
        COUNT;

        static Broken of(String value) {
            return switch (value) {
                case "truncated" -> TRUNCATED;
                case "baddate" -> BADDATE;
                case "count" -> COUNT;
                default -> throw new IllegalArgumentException("broken is truncated, baddate or count");
            };
        }
    }

    private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    private ExportFormat() {
    }

    /** The file's content. */
    static String write(List<Debtor> debtors, LocalDate stand) {
        return write(debtors, stand, null);
    }

    /** The file's content, broken as asked ({@code null}: intact). */
    static String write(List<Debtor> debtors, LocalDate stand, Broken broken) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        boolean dateBroken = false;
        for (Debtor d : debtors) {
            String dateOfBirth = "";
            if (d.dateOfBirth() != null) {
                dateOfBirth = broken == Broken.BADDATE && !dateBroken ? GERMAN.format(d.dateOfBirth())
                        : d.dateOfBirth().toString();
                dateBroken |= broken == Broken.BADDATE;
            }
            out.append(d.name()).append(';').append(dateOfBirth).append(';').append(d.plz() == null ? "" : d.plz())
                    .append(';').append(d.amount().toPlainString()).append(';').append(d.kassenzeichen()).append(';')
                    .append(d.glaeubiger()).append('\n');
        }
        if (broken == Broken.TRUNCATED) {
            int lastLine = out.lastIndexOf("\n", out.length() - 2) + 1;
            out.setLength(lastLine + Math.max(1, (out.length() - lastLine) / 2));
            return out.toString();
        }
        int count = broken == Broken.COUNT ? debtors.size() + 1 : debtors.size();
        String standText = broken == Broken.BADDATE && !dateBroken ? GERMAN.format(stand) : stand.toString();
        return out.append(TRAILER).append(';').append(count).append(';').append(standText).append('\n').toString();
    }
}

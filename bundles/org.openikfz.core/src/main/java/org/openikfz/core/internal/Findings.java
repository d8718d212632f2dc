package org.openikfz.core.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openikfz.api.application.FeeLine;
import org.openikfz.api.check.Finding;
import org.openikfz.api.text.LocalizedText;

/** Keeps findings and fee lines in the dialog data as text: one line each, tab-separated. */
final class Findings {

    private Findings() {
    }

    static String write(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        for (Finding f : findings) {
            out.append(clean(f.fieldId() == null ? "" : f.fieldId())).append('\t')
                    .append(clean(f.message().get(java.util.Locale.GERMAN))).append('\t')
                    .append(clean(f.message().get(java.util.Locale.ENGLISH))).append('\n');
        }
        return out.toString();
    }

    static List<Finding> read(String text) {
        List<Finding> findings = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 3) {
                findings.add(new Finding(f[0].isEmpty() ? null : f[0], new LocalizedText(Map.of("de", f[1], "en", f[2]))));
            }
        }
        return findings;
    }

    static String writeFees(List<FeeLine> fees) {
        StringBuilder out = new StringBuilder();
        for (FeeLine f : fees) {
            out.append(f.item()).append('\t').append(f.amount().toPlainString()).append('\t')
                    .append(clean(f.title().get(java.util.Locale.GERMAN))).append('\t')
                    .append(clean(f.title().get(java.util.Locale.ENGLISH))).append('\n');
        }
        return out.toString();
    }

    static List<FeeLine> readFees(String text) {
        List<FeeLine> fees = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 4) {
                fees.add(new FeeLine(f[0], new LocalizedText(Map.of("de", f[2], "en", f[3])), new BigDecimal(f[1])));
            }
        }
        return fees;
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}

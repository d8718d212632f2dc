package org.openikfz.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.store.api.TraceRecord;

/**
 * The trace of an automated decision (FZV § 23(3): its workings inspectable and verifiable): what
 * each step saw, masked so that the trace holds no personal data or security code in clear, what it
 * decided and by which rule, and the version of the bundle that applied it.
 */
public final class Trace {

    private Trace() {
    }

    /**
     * The answers as the checks saw them, masked: secret types (security codes, the IBAN) entirely, text
     * (plate, FIN, eVB, names) but for its first three characters; choices, yes/no and dates as given.
     */
    public static String maskedAnswers(ProcedureDescription description, Answers answers) {
        Map<String, Object> masked = new TreeMap<>();
        answers.values().forEach((id, value) -> masked.put(id, mask(description.dialog().field(id).orElse(null), value)));
        return Json.object(masked);
    }

    static String mask(Field field, String value) {
        if (field == null || field.type().secret()) {
            return "***";
        }
        return switch (field.type().editor()) {
            case YES_NO, CHOICE, DATE, MONTH -> value;
            default -> value.length() <= 3 ? "***" : value.substring(0, 3) + "***";
        };
    }

    /** One step's outcome, what it established (keys only) and the rule that decided. */
    public static TraceRecord step(UUID application, int seq, String step, CheckResult result, String version) {
        String outcome;
        String established = "";
        String rule;
        if (result instanceof CheckResult.Clear clear) {
            outcome = "CLEAR";
            established = String.join(",", new TreeMap<>(clear.facts()).keySet());
            rule = "clear";
        } else if (result instanceof CheckResult.Opposed opposed) {
            outcome = "OPPOSED";
            List<String> findings = new ArrayList<>();
            for (Finding f : opposed.findings()) {
                findings.add(f.field().orElse("application") + ": " + f.message().get(Locale.GERMAN));
            }
            rule = String.join(" | ", findings);
        } else {
            outcome = "FAILED";
            rule = result instanceof CheckResult.Failed failed ? failed.reason() : String.valueOf(result);
        }
        return new TraceRecord(application, seq, step, outcome, null, established, truncate(rule), version, null);
    }

    /** The version of the bundle an object comes from, or {@code null} outside a framework. */
    public static String version(Object component) {
        return Registry.Origin.of(component).label();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}

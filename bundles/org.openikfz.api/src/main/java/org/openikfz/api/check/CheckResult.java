package org.openikfz.api.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a check. FZV § 20(4) and § 19(1) S. 4 keep two negative outcomes apart:
 * {@link Opposed} — the data speak against the application; the applicant is told and may correct —
 * and {@link Failed} — the check could not be completed or cannot be decided by machine; the
 * Zulassungsbehörde's clerks decide. A check never passes silently when it could not run.
 */
public sealed interface CheckResult {

    /**
     * Nothing speaks against the application.
     *
     * @param facts what the check established and adds to the application data (Anlage 11: "die
     *              verifizierten und erstellten Daten werden den Antragsdaten hinzugefügt"), by the keys
     *              of {@link Facts}; later checks and the procedure's own conditions see them
     */
    record Clear(Map<String, String> facts) implements CheckResult {
        public Clear {
            facts = Map.copyOf(facts);
        }

        public Clear() {
            this(Map.of());
        }
    }

    /** The data speak against the application. */
    record Opposed(List<Finding> findings) implements CheckResult {
        public Opposed {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("an opposing result names at least one finding");
            }
        }
    }

    /**
     * The check could not be completed (system unavailable, timeout) or cannot be decided by machine.
     *
     * @param reason for the clerk and the audit log; holds no security code and no personal data
     */
    record Failed(String reason) implements CheckResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static CheckResult clear() {
        return new Clear();
    }

    /** Clear, with what the check established. */
    static CheckResult clear(Map<String, String> facts) {
        return new Clear(facts);
    }

    static CheckResult opposed(Finding... findings) {
        return new Opposed(List.of(findings));
    }

    static CheckResult failed(String reason) {
        return new Failed(reason);
    }
}

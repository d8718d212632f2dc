package org.openikfz.api.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openikfz.api.text.LocalizedText;

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
     *              verifizierten und erstellten Daten werden den Antragsdaten hinzugefügt"), by the names
     *              of their {@link FactKey}s and as the keys format them (build it with {@link #with});
     *              later checks and the procedure's own conditions see them
     */
    record Clear(Map<String, String> facts) implements CheckResult {

        public Clear {
            facts = Map.copyOf(facts);
        }

        public Clear() {
            this(Map.of());
        }

        /**
         * This outcome with one more fact established, kept as its key formats it.
         *
         * @since 2.0
         */
        public <T> Clear with(FactKey<T> key, T value) {
            Map<String, String> more = new java.util.HashMap<>(facts);
            more.put(key.name(), key.format(value));
            return new Clear(more);
        }

        /**
         * A fact this outcome established.
         *
         * @since 2.0
         */
        public <T> Optional<T> fact(FactKey<T> key) {
            return key.from(facts);
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
     * @param reason for the audit log and the operators, in English; holds no security code and no personal data
     * @param text   the same for the clerks who decide the case, in their language (German first), or
     *               {@code null} when the check gives none (the clerks then read a general German sentence)
     * @since 1.3 for {@code text}
     */
    record Failed(String reason, LocalizedText text) implements CheckResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }

        /** Without a text for the clerks (as before 1.3). */
        public Failed(String reason) {
            this(reason, null);
        }
    }

    /** Clear; add what the check established with {@link Clear#with}. @since 2.0 returns {@link Clear} */
    static Clear clear() {
        return new Clear();
    }

    static CheckResult opposed(Finding... findings) {
        return new Opposed(List.of(findings));
    }

    static CheckResult failed(String reason) {
        return new Failed(reason);
    }

    /**
     * Failed, with the reason for the log and a text for the clerks: e.g. {@code failed("ZFZR not reachable: "
     * + e.getMessage(), LocalizedText.of("Das Fahrzeugregister (ZFZR) war nicht erreichbar.", "The vehicle register
     * (ZFZR) could not be reached."))}.
     *
     * @since 1.3
     */
    static CheckResult failed(String reason, LocalizedText text) {
        return new Failed(reason, text);
    }
}

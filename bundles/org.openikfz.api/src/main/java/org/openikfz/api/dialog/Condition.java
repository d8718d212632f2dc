package org.openikfz.api.dialog;

import java.util.Objects;
import java.util.Set;

/**
 * Shows a step or field only when an earlier answer has one of the given values, e.g. the
 * Verwertungsnachweis fields only when the applicant said the vehicle was scrapped. Conditions combine:
 * {@code a.and(b)} holds when both hold, {@code a.or(b)} when either does; {@code and} binds tighter
 * ({@code a.and(b).or(c)} is (a and b) or c).
 *
 * @param fieldId the field whose answer decides
 * @param values  the answers for which the condition holds
 * @param and     a further condition that must hold as well, or {@code null}
 * @param or      an alternative that makes the whole condition hold, or {@code null}
 */
public record Condition(String fieldId, Set<String> values, Condition and, Condition or) {
    public Condition {
        Objects.requireNonNull(fieldId, "fieldId");
        values = Set.copyOf(values);
    }

    public Condition(String fieldId, Set<String> values) {
        this(fieldId, values, null, null);
    }

    /** Holds when the answer to {@code fieldId} is one of {@code values}. @since 1.1 */
    public static Condition whenAny(String fieldId, String... values) {
        return new Condition(fieldId, Set.of(values));
    }

    /** This condition and {@code other}. @since 1.1 */
    public Condition and(Condition other) {
        // ((own and rest) or alt) and other = (own and rest and other) or (alt and other)
        return new Condition(fieldId, values, and == null ? other : and.and(other), or == null ? null : or.and(other));
    }

    /** This condition or {@code other}. @since 1.1 */
    public Condition or(Condition other) {
        return new Condition(fieldId, values, and, or == null ? other : or.or(other));
    }

    /** Holds when the answer to {@code fieldId} equals {@code value}. */
    public static Condition when(String fieldId, String value) {
        return new Condition(fieldId, Set.of(value));
    }

    /** Whether the condition holds for these answers. */
    public boolean holds(Answers answers) {
        boolean own = answers.get(fieldId).map(values::contains).orElse(false) && (and == null || and.holds(answers));
        return own || (or != null && or.holds(answers));
    }
}

package org.openikfz.api.dialog;

import java.util.Objects;
import java.util.Set;

/**
 * Shows a step or field only when an earlier answer has one of the given values, e.g. the
 * Verwertungsnachweis fields only when the applicant said the vehicle was scrapped.
 *
 * @param fieldId the field whose answer decides
 * @param values  the answers for which the condition holds
 * @param and     a further condition that must hold as well, or {@code null}
 */
public record Condition(String fieldId, Set<String> values, Condition and) {
    public Condition {
        Objects.requireNonNull(fieldId, "fieldId");
        values = Set.copyOf(values);
    }

    public Condition(String fieldId, Set<String> values) {
        this(fieldId, values, null);
    }

    /** Holds when the answer to {@code fieldId} is one of {@code values}. @since 1.1 */
    public static Condition whenAny(String fieldId, String... values) {
        return new Condition(fieldId, Set.of(values));
    }

    /** This condition and {@code other}. @since 1.1 */
    public Condition and(Condition other) {
        return new Condition(fieldId, values, and == null ? other : and.and(other));
    }

    /** Holds when the answer to {@code fieldId} equals {@code value}. */
    public static Condition when(String fieldId, String value) {
        return new Condition(fieldId, Set.of(value));
    }

    /** Whether the condition holds for these answers. */
    public boolean holds(Answers answers) {
        return answers.get(fieldId).map(values::contains).orElse(false) && (and == null || and.holds(answers));
    }
}

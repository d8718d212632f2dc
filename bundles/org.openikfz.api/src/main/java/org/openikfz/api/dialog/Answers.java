package org.openikfz.api.dialog;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The applicant's answers so far, by field id, as entered (already validated at the edge).
 * Immutable: {@link #with(String, String)} returns a copy.
 */
public record Answers(Map<String, String> values) {

    public static final Answers EMPTY = new Answers(Map.of());

    public Answers {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** The answer to a field, if given. */
    public Optional<String> get(String fieldId) {
        return Optional.ofNullable(values.get(fieldId));
    }

    /** These answers plus (or with a new) answer to {@code fieldId}. */
    public Answers with(String fieldId, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(fieldId, value);
        return new Answers(copy);
    }

    /** Keys only: answers may hold security codes and personal data. */
    @Override
    public String toString() {
        return "Answers" + values.keySet();
    }
}

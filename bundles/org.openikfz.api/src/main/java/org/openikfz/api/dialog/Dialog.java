package org.openikfz.api.dialog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The applicant's dialog of a procedure, as data: the UI renders it, the engine validates it. */
public record Dialog(List<DialogStep> steps) {

    public Dialog {
        steps = List.copyOf(steps);
        Set<String> ids = new HashSet<>();
        for (DialogStep step : steps) {
            for (Field field : step.fields()) {
                if (!ids.add(field.id())) {
                    throw new IllegalArgumentException("field id used twice: " + field.id());
                }
            }
        }
    }

    /** The field with this id, in any step. */
    public Optional<Field> field(String fieldId) {
        for (DialogStep step : steps) {
            for (Field field : step.fields()) {
                if (field.id().equals(fieldId)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }
}

package org.openikfz.check.kennzeichen.internal;

import java.util.List;
import java.util.Optional;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;

/**
 * The answers a check may use: the fields whose step and field are visible for the answers and that
 * have a non-blank answer. A check finds them by type, or by the shared ids of {@code Registration}
 * where a type is not unique.
 */
final class Answered {

    private final Answers answers;
    private final List<Field> fields;

    Answered(CheckContext context) {
        this.answers = context.answers();
        this.fields = context.description().dialog().steps().stream()
                .filter(s -> s.visible(answers)).flatMap(s -> s.fields().stream())
                .filter(f -> f.visible(answers) && answers.get(f.id()).filter(v -> !v.isBlank()).isPresent())
                .toList();
    }

    /** The first answered field of this type. */
    Optional<Field> first(FieldType type) {
        return fields.stream().filter(f -> f.type() == type).findFirst();
    }

    /** The first answered field of this type other than the field {@code except}. */
    Optional<Field> first(FieldType type, String except) {
        return fields.stream().filter(f -> f.type() == type && !f.id().equals(except)).findFirst();
    }

    /** All answered fields of this type, in dialog order. */
    List<Field> all(FieldType type) {
        return fields.stream().filter(f -> f.type() == type).toList();
    }

    /** The answered field with this id. */
    Optional<Field> field(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The answer to the field with this id, when it is visible and answered. */
    Optional<String> value(String id) {
        return field(id).map(this::value);
    }

    /** The answer to an answered field. */
    String value(Field field) {
        return answers.get(field.id()).orElseThrow();
    }
}

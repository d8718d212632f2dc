package org.openikfz.api.check;

import java.util.List;
import java.util.Optional;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;

/**
 * The answers a check may use: the fields whose step and field are visible for the answers and that
 * have a non-blank answer. A check finds them by type, or by the shared ids where a type is not unique
 * ({@link org.openikfz.api.dialog.SharedFields}).
 *
 * @since 1.1
 */
public final class AnsweredFields {

    private final Answers answers;
    private final List<Field> fields;

    /** The answered fields of the application a check is looking at. */
    public static AnsweredFields of(CheckContext context) {
        return new AnsweredFields(context);
    }

    private AnsweredFields(CheckContext context) {
        this.answers = context.answers();
        this.fields = context.dialog().steps().stream()
                .filter(s -> s.visible(answers)).flatMap(s -> s.fields().stream())
                .filter(f -> f.visible(answers) && answers.get(f.id()).filter(v -> !v.isBlank()).isPresent())
                .toList();
    }

    /** The first answered field of this type. */
    public Optional<Field> first(FieldType type) {
        return fields.stream().filter(f -> f.type() == type).findFirst();
    }

    /** The first answered field of this type other than the field {@code except}. */
    public Optional<Field> first(FieldType type, String except) {
        return fields.stream().filter(f -> f.type() == type && !f.id().equals(except)).findFirst();
    }

    /** All answered fields of this type, in dialog order. */
    public List<Field> all(FieldType type) {
        return fields.stream().filter(f -> f.type() == type).toList();
    }

    /** The answered field with this id. */
    public Optional<Field> field(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The answer to the field with this id, when it is visible and answered. */
    public Optional<String> value(String id) {
        return field(id).map(this::value);
    }

    /** The answer to an answered field. */
    public String value(Field field) {
        return answers.get(field.id()).orElseThrow();
    }
}

package org.openikfz.api.dialog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openikfz.api.text.LocalizedText;

/**
 * One question of a dialog step.
 *
 * @param id          stable identifier within the procedure, used as key of the answer
 * @param type        what kind of answer; decides validation and rendering
 * @param label       the question as the applicant reads it
 * @param help        a short explanation where the applicant finds the answer, or {@code null}
 * @param required    whether the step cannot be completed without an answer
 * @param choices     the options of a field whose type's {@link Editor} is {@link Editor#CHOICE}, otherwise empty
 * @param visibleWhen shown only when this condition holds, or {@code null} for always
 */
public record Field(String id, FieldType type, LocalizedText label, LocalizedText help, boolean required,
        List<Choice> choices, Condition visibleWhen) {

    public Field {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        choices = List.copyOf(choices);
        if (type.editor() == Editor.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice field " + id + " has no choices");
        }
    }

    /** A required field without help, choices or condition. */
    public static Field required(String id, FieldType type, LocalizedText label, LocalizedText help) {
        return new Field(id, type, label, help, true, List.of(), null);
    }

    public Optional<LocalizedText> helpText() {
        return Optional.ofNullable(help);
    }

    /** Whether the field is shown for these answers. */
    public boolean visible(Answers answers) {
        return visibleWhen == null || visibleWhen.holds(answers);
    }
}

package org.openikfz.api.dialog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openikfz.api.text.LocalizedText;

/**
 * One question of a dialog step, built with {@link #builder}: what the SPI adds to a field later is a new
 * method of the builder, not a new constructor every procedure must call.
 *
 * @since 2.0 a class with a builder (in 1.x a record)
 */
public final class Field {

    private final String id;
    private final FieldType type;
    private final LocalizedText label;
    private final LocalizedText help;
    private final boolean required;
    private final List<Choice> choices;
    private final Condition visibleWhen;

    private Field(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.type = Objects.requireNonNull(b.type, "type");
        this.label = Objects.requireNonNull(b.label, "label");
        this.help = b.help;
        this.required = b.required;
        this.choices = List.copyOf(b.choices);
        this.visibleWhen = b.visibleWhen;
        if (type.editor() == Editor.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice field " + id + " has no choices");
        }
    }

    /**
     * A field, required unless said otherwise.
     *
     * @param id    stable identifier within the procedure, used as key of the answer
     * @param type  what kind of answer; decides validation and rendering
     * @param label the question as the applicant reads it
     */
    public static Builder builder(String id, FieldType type, LocalizedText label) {
        return new Builder(id, type, label);
    }

    /** A required field without choices or condition, with this help (or {@code null}). */
    public static Field required(String id, FieldType type, LocalizedText label, LocalizedText help) {
        return builder(id, type, label).help(help).build();
    }

    /** Stable identifier within the procedure, used as key of the answer. */
    public String id() {
        return id;
    }

    /** What kind of answer; decides validation and rendering. */
    public FieldType type() {
        return type;
    }

    /** The question as the applicant reads it. */
    public LocalizedText label() {
        return label;
    }

    /** A short explanation where the applicant finds the answer, or {@code null}. */
    public LocalizedText help() {
        return help;
    }

    public Optional<LocalizedText> helpText() {
        return Optional.ofNullable(help);
    }

    /** Whether the step cannot be completed without an answer. */
    public boolean required() {
        return required;
    }

    /** The options of a field whose type's {@link Editor} is {@link Editor#CHOICE}, otherwise empty. */
    public List<Choice> choices() {
        return choices;
    }

    /** Shown only when this condition holds, or {@code null} for always. */
    public Condition visibleWhen() {
        return visibleWhen;
    }

    /** Whether the field is shown for these answers. */
    public boolean visible(Answers answers) {
        return visibleWhen == null || visibleWhen.holds(answers);
    }

    @Override
    public String toString() {
        return "Field[" + id + ": " + type.name() + "]";
    }

    /** Builds a {@link Field}. */
    public static final class Builder {

        private final String id;
        private final FieldType type;
        private final LocalizedText label;
        private LocalizedText help;
        private boolean required = true;
        private List<Choice> choices = List.of();
        private Condition visibleWhen;

        private Builder(String id, FieldType type, LocalizedText label) {
            this.id = id;
            this.type = type;
            this.label = label;
        }

        /** Where the applicant finds the answer. */
        public Builder help(LocalizedText help) {
            this.help = help;
            return this;
        }

        /** Whether an answer is needed to go on (the default). */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** May be left empty. */
        public Builder optional() {
            return required(false);
        }

        /** The options of a {@link Editor#CHOICE} field. */
        public Builder choices(List<Choice> choices) {
            this.choices = Objects.requireNonNull(choices, "choices");
            return this;
        }

        /** Shown only when this condition holds ({@code null}: always). */
        public Builder visibleWhen(Condition condition) {
            this.visibleWhen = condition;
            return this;
        }

        public Field build() {
            return new Field(this);
        }
    }
}

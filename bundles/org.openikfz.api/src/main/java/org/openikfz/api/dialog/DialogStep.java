package org.openikfz.api.dialog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openikfz.api.text.LocalizedText;

/**
 * One page of the applicant's dialog, built with {@link #builder}.
 *
 * @since 2.0 a class with a builder (in 1.x a record)
 */
public final class DialogStep {

    private final String id;
    private final LocalizedText title;
    private final LocalizedText intro;
    private final List<Notice> notices;
    private final List<Field> fields;
    private final Condition visibleWhen;
    private final List<Stop> stops;

    private DialogStep(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.title = Objects.requireNonNull(b.title, "title");
        this.intro = b.intro;
        this.notices = List.copyOf(b.notices);
        this.fields = List.copyOf(b.fields);
        this.visibleWhen = b.visibleWhen;
        this.stops = List.copyOf(b.stops);
    }

    /**
     * A step.
     *
     * @param id    stable identifier within the procedure
     * @param title heading of the page
     */
    public static Builder builder(String id, LocalizedText title) {
        return new Builder(id, title);
    }

    /** Stable identifier within the procedure. */
    public String id() {
        return id;
    }

    /** Heading of the page. */
    public LocalizedText title() {
        return title;
    }

    /** One or two sentences what this page is for, or {@code null}. */
    public LocalizedText intro() {
        return intro;
    }

    /** What must be read before answering (shown above the fields). */
    public List<Notice> notices() {
        return notices;
    }

    /** The questions. */
    public List<Field> fields() {
        return fields;
    }

    /** Shown only when this condition holds, or {@code null} for always. */
    public Condition visibleWhen() {
        return visibleWhen;
    }

    /** Answers of this step after which the application cannot go on online (checked before the dialog moves on). */
    public List<Stop> stops() {
        return stops;
    }

    /** The first stop these answers meet, if any. */
    public Optional<Stop> stopped(Answers answers) {
        return stops.stream().filter(s -> s.when().holds(answers)).findFirst();
    }

    public boolean visible(Answers answers) {
        return visibleWhen == null || visibleWhen.holds(answers);
    }

    @Override
    public String toString() {
        return "DialogStep[" + id + "]";
    }

    /** Builds a {@link DialogStep}. */
    public static final class Builder {

        private final String id;
        private final LocalizedText title;
        private LocalizedText intro;
        private List<Notice> notices = List.of();
        private List<Field> fields = List.of();
        private Condition visibleWhen;
        private List<Stop> stops = List.of();

        private Builder(String id, LocalizedText title) {
            this.id = id;
            this.title = title;
        }

        /** What this page is for, in one or two sentences. */
        public Builder intro(LocalizedText intro) {
            this.intro = intro;
            return this;
        }

        /** What must be read before answering. */
        public Builder notices(List<Notice> notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        /** The questions, in order. */
        public Builder fields(List<Field> fields) {
            this.fields = Objects.requireNonNull(fields, "fields");
            return this;
        }

        /** The questions, in order. */
        public Builder fields(Field... fields) {
            return fields(List.of(fields));
        }

        /** Shown only when this condition holds ({@code null}: always). */
        public Builder visibleWhen(Condition condition) {
            this.visibleWhen = condition;
            return this;
        }

        /** Answers after which the application cannot go on online. */
        public Builder stops(List<Stop> stops) {
            this.stops = Objects.requireNonNull(stops, "stops");
            return this;
        }

        public DialogStep build() {
            return new DialogStep(this);
        }
    }
}

package org.openikfz.api.dialog;

import java.util.List;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/**
 * One page of the applicant's dialog.
 *
 * @param id          stable identifier within the procedure
 * @param title       heading of the page
 * @param intro       one or two sentences what this page is for, or {@code null}
 * @param notices     what must be read before answering (shown above the fields)
 * @param fields      the questions
 * @param visibleWhen shown only when this condition holds, or {@code null} for always
 * @param stops       answers of this step after which the application cannot go on online (checked before
 *                    the dialog moves on)
 * @since 1.3 for {@code stops}
 */
public record DialogStep(String id, LocalizedText title, LocalizedText intro, List<Notice> notices,
        List<Field> fields, Condition visibleWhen, List<Stop> stops) {

    public DialogStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        notices = List.copyOf(notices);
        fields = List.copyOf(fields);
        stops = stops == null ? List.of() : List.copyOf(stops);
    }

    /** A step without stops (as before 1.3). */
    public DialogStep(String id, LocalizedText title, LocalizedText intro, List<Notice> notices, List<Field> fields,
            Condition visibleWhen) {
        this(id, title, intro, notices, fields, visibleWhen, List.of());
    }

    /** The same step with these stops. @since 1.3 */
    public DialogStep withStops(List<Stop> more) {
        return new DialogStep(id, title, intro, notices, fields, visibleWhen, more);
    }

    /** The first stop these answers meet, if any. @since 1.3 */
    public java.util.Optional<Stop> stopped(Answers answers) {
        return stops.stream().filter(s -> s.when().holds(answers)).findFirst();
    }

    public boolean visible(Answers answers) {
        return visibleWhen == null || visibleWhen.holds(answers);
    }
}

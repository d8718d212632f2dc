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
 */
public record DialogStep(String id, LocalizedText title, LocalizedText intro, List<Notice> notices,
        List<Field> fields, Condition visibleWhen) {

    public DialogStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        notices = List.copyOf(notices);
        fields = List.copyOf(fields);
    }

    public boolean visible(Answers answers) {
        return visibleWhen == null || visibleWhen.holds(answers);
    }
}

package org.openikfz.api.dialog;

import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/**
 * An answer after which the application cannot go on online, said at once on its step: e.g. an
 * exclusion of FZV § 26 answered "yes", or the warning before the security codes not confirmed. The
 * dialog does not move on (so no code is uncovered for an application that cannot succeed), and no
 * § 20(4) correction is used; the applicant changes the answer or goes to the authority.
 *
 * @param when    the answers that stop the dialog
 * @param message why, and what to do instead, as the applicant reads it
 * @since 1.3
 */
public record Stop(Condition when, LocalizedText message) {

    public Stop {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(message, "message");
    }
}

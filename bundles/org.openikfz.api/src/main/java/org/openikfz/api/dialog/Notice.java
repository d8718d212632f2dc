package org.openikfz.api.dialog;

import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/**
 * Something the applicant must read in a step, e.g. the warning before uncovering a security
 * code (FZV § 21: an uncovered code makes the plate seal or document invalid).
 */
public record Notice(Kind kind, LocalizedText text) {

    public enum Kind {
        INFO,
        /** Must be read before the applicant acts; rendered prominently. */
        WARNING
    }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}

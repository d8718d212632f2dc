package org.openikfz.api.procedure;

import java.util.Objects;

/**
 * A paragraph of the law a procedure rests on, as it is cited, e.g. {@code "FZV § 24"}.
 *
 * @param citation the citation
 * @param title    the paragraph's heading, e.g. "Internetbasierte Außerbetriebsetzung", or {@code null}
 */
public record LegalBasis(String citation, String title) {
    public LegalBasis {
        Objects.requireNonNull(citation, "citation");
    }
}

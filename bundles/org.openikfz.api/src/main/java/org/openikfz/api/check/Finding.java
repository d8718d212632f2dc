package org.openikfz.api.check;

import java.util.Objects;
import java.util.Optional;
import org.openikfz.api.text.LocalizedText;

/**
 * What a check found against the application, told to the applicant in plain language.
 *
 * @param fieldId the field the applicant should correct, or {@code null} when it concerns no single field
 * @param message what is wrong and what the applicant can do
 */
public record Finding(String fieldId, LocalizedText message) {
    public Finding {
        Objects.requireNonNull(message, "message");
    }

    public Optional<String> field() {
        return Optional.ofNullable(fieldId);
    }
}

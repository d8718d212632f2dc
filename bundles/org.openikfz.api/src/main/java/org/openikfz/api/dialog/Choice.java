package org.openikfz.api.dialog;

import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/** One option of a {@link FieldType#CHOICE} field: the stored value and what the user reads. */
public record Choice(String value, LocalizedText label) {
    public Choice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }
}

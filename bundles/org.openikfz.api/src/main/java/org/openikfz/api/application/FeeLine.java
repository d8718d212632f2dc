package org.openikfz.api.application;

import java.math.BigDecimal;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/** One fee the applicant pays, as charged on the day of the application. */
public record FeeLine(String item, LocalizedText title, BigDecimal amount) {
    public FeeLine {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(amount, "amount");
    }
}

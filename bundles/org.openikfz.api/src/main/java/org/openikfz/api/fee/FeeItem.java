package org.openikfz.api.fee;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/**
 * One dated entry of the fee table (Gebührenordnung für Maßnahmen im Straßenverkehr, GebOSt).
 *
 * @param item       the GebOSt item number, e.g. {@code "221.1.1"}
 * @param title      what the fee is for
 * @param amount     in euro
 * @param validFrom  first day the amount applies
 * @param validUntil last day the amount applies, or {@code null} while in force
 */
public record FeeItem(String item, LocalizedText title, BigDecimal amount, LocalDate validFrom, LocalDate validUntil) {
    public FeeItem {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(validFrom, "validFrom");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative fee " + item);
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("fee " + item + " ends before it starts");
        }
    }

    /** Whether this entry is the one in force on {@code day}. */
    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
    }
}

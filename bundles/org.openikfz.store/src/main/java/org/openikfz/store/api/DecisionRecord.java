package org.openikfz.store.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An automated decision as the Vorbehalt der Nachprüfung (FZV § 23(3)) needs it: no personal data.
 *
 * @param effectiveOn  {@code null} until retrieved or mailed
 * @param reviewState  {@code NONE}, {@code OPEN} (drawn), {@code CONFIRMED} or {@code REVOKED}
 * @param drawnBy      {@code RANDOM}, {@code MANUAL} or {@code null}
 * @since 1.1
 */
public record DecisionRecord(UUID applicationId, String procedureId, String authorityId, String reference,
        String procedureVersion, Instant decidedAt, LocalDate effectiveOn, String reviewState, String drawnBy,
        Instant drawnAt, String reviewer, Instant reviewedAt, String reviewNote) {
}

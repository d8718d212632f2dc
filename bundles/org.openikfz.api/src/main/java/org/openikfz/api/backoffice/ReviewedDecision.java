package org.openikfz.api.backoffice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An automated decision under the Vorbehalt der Nachprüfung (FZV § 23(3)).
 *
 * @param effectiveOn     {@code null} until it was retrieved or mailed
 * @param reviewableUntil the last day it may be revoked (one month from effectiveness); {@code null} while not yet effective
 * @param reviewState     {@code NONE} (not drawn), {@code OPEN} (drawn, to review), {@code CONFIRMED} or {@code REVOKED}
 * @param drawnBy         {@code RANDOM} or {@code MANUAL}, {@code null} when not drawn
 */
public record ReviewedDecision(UUID application, String procedure, String procedureTitle, String reference, Instant decidedAt,
        LocalDate effectiveOn, LocalDate reviewableUntil, String reviewState, String drawnBy, String reviewer, Instant reviewedAt,
        String reviewNote) {

    public static final String NONE = "NONE";
    public static final String OPEN = "OPEN";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String REVOKED = "REVOKED";
}

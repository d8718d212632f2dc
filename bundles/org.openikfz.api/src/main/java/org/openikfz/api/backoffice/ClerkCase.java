package org.openikfz.api.backoffice;

import java.time.Instant;
import java.util.UUID;

/**
 * A case in the clerks' queue: an application the machine could not decide (FZV § 19(1) S. 4).
 *
 * @param reason     why the machine could not decide (which check failed), for the clerk
 * @param state      {@code OPEN}, {@code APPROVED} or {@code REJECTED}
 * @param decidedBy  the clerk's user name, or {@code null} while open
 */
public record ClerkCase(UUID application, String procedure, String procedureTitle, String authority, Instant received,
        String reason, String state, String decidedBy, Instant decidedAt) {

    public static final String OPEN = "OPEN";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
}

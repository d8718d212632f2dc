package org.openikfz.api.backoffice;

import java.time.Instant;
import java.util.UUID;

/**
 * A case in the clerks' queue: an application the machine could not decide (FZV § 19(1) S. 4).
 *
 * @param reason     why the machine could not decide (which check failed), for the clerk
 * @param state      {@code OPEN}, {@code APPROVED} or {@code REJECTED}
 * @param decidedBy  the clerk's user name, or {@code null} while open
 * @param reference  the decision's reference (Aktenzeichen) once decided, otherwise {@code null}
 * @param plate      the vehicle's registration plate as the application names it, or {@code null}
 * @param applicant  the applicant's name (identified electronically) or the holder's in the register, or {@code null}
 * @param assignedTo the user name of the staff member who took the case, or {@code null} while nobody holds it
 * @since 1.5 for {@code reference}, {@code plate}, {@code applicant} and {@code assignedTo}
 */
public record ClerkCase(UUID application, String procedure, String procedureTitle, String authority, Instant received,
        String reason, String state, String decidedBy, Instant decidedAt, String reference, String plate, String applicant,
        String assignedTo) {

    public static final String OPEN = "OPEN";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    /** A case without reference, plate, applicant and holder (as before 1.5). */
    public ClerkCase(UUID application, String procedure, String procedureTitle, String authority, Instant received,
            String reason, String state, String decidedBy, Instant decidedAt) {
        this(application, procedure, procedureTitle, authority, received, reason, state, decidedBy, decidedAt, null, null, null, null);
    }
}

package org.openikfz.api.connector;

import java.util.Objects;
import java.util.UUID;

/**
 * Application and decision on their way to the authority's internal procedure (Fachverfahren) or
 * the KBA (FZV § 19(1), § 23(4)), marked as an internet application.
 *
 * @param id            unique per message: a receiver that sees an id again must not apply it twice
 * @param applicationId the application
 * @param procedure     the procedure id
 * @param internet      always {@code true} for the portal: marks an internet application
 * @param payload       the application and decision as JSON
 */
public record TransferMessage(long id, UUID applicationId, String procedure, boolean internet, String payload) {
    public TransferMessage {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(payload, "payload");
    }

    /** The payload holds personal data: not shown. */
    @Override
    public String toString() {
        return "TransferMessage[" + id + ", " + applicationId + ", " + procedure + "]";
    }
}

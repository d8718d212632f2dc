package org.openikfz.store.api;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to append to the audit trail. {@code detail} must not contain personal data.
 *
 * @param applicationId the application, or {@code null} for an event of the system
 * @since 1.2
 */
public record AuditEntry(UUID applicationId, String type, String detail) {

    public AuditEntry {
        Objects.requireNonNull(type, "type");
    }
}

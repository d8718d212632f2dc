package org.openikfz.store.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit trail.
 *
 * @param id            ascending in the order of appending
 * @param applicationId {@code null} for an event of the system
 * @param detail        free text without personal data, may be {@code null}
 */
public record AuditEvent(long id, UUID applicationId, Instant occurredAt, String type, String detail) {
}

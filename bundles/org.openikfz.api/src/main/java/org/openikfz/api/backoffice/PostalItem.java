package org.openikfz.api.backoffice;

import java.time.Instant;
import java.util.UUID;

/**
 * A letter of the authority in the postal outbox.
 *
 * @param kind        e.g. {@code clerk-decision}, {@code decision-printout}, {@code registration-documents}
 * @param deliveredAt when it was handed to the post service, {@code null} while queued
 */
public record PostalItem(long id, UUID application, String kind, Instant queuedAt, Instant deliveredAt) {
}

package org.openikfz.store.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox message without its payload, for overviews (e.g. the authority's postal outbox).
 *
 * @param label e.g. the kind of letter; {@code null} when none was given
 * @since 1.1
 */
public record OutboxEntry(long id, UUID applicationId, String destination, String label, Instant createdAt,
        Instant deliveredAt) {
}

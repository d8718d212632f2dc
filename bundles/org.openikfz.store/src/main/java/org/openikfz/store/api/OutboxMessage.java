package org.openikfz.store.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A message waiting in, or delivered from, the transfer outbox.
 *
 * @param id          ascending in the order of enqueueing
 * @param payload     {@code null} once delivered (cleared)
 * @param deliveredAt {@code null} while not delivered
 */
public record OutboxMessage(
        long id,
        UUID applicationId,
        String destination,
        String payload,
        Instant createdAt,
        Instant deliveredAt) {

    public boolean delivered() {
        return deliveredAt != null;
    }
}

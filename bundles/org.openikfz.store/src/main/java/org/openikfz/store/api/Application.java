package org.openikfz.store.api;

import java.time.Instant;
import java.util.UUID;

/** An application as stored: no personal data here, those are its dialog data. */
public record Application(
        UUID id,
        String procedureId,
        String authorityId,
        String state,
        int correctionsLeft,
        Instant createdAt,
        Instant updatedAt) {
}

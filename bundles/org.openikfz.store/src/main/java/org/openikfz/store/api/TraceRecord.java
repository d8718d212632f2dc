package org.openikfz.store.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of how an automated decision was reached: a check or the procedure's own rules.
 *
 * @param inputs      the answers it saw, masked (JSON object)
 * @param established the facts it established, by key (values of personal data masked)
 * @param rule        what decided: the finding, the failure, or "clear"
 * @param version     the version of the bundle that decided
 * @since 1.1
 */
public record TraceRecord(UUID applicationId, int seq, String step, String outcome, String inputs, String established,
        String rule, String version, Instant recordedAt) {
}

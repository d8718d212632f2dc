package org.openikfz.api.health;

import java.time.Instant;

/**
 * One background job (deadlines, transfers, deletions) as it last ran.
 *
 * @param name what the job does, e.g. {@code retention}
 * @param lastRun when it last ran, or {@code null} before its first run
 * @param lastSuccess when it last completed, or {@code null}
 * @param lastFailure when it last failed, or {@code null}
 * @param lastError the last failure's kind and message (no personal data), or {@code null}
 * @param failures how many runs failed since the start
 * @param healthy it completed its last run, and recently enough
 */
public record JobStatus(String name, Instant lastRun, Instant lastSuccess, Instant lastFailure, String lastError, long failures,
        boolean healthy) {
}

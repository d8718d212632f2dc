package org.openikfz.store.api;

import java.util.List;

/**
 * The outcome of verifying the audit trail's hash chain.
 *
 * @param intact   no event was altered, inserted or deleted outside the § 18(3) deletions
 * @param verified the events whose hashes were checked
 * @param legacy   events written before the chain existed (schema version 1), not verifiable
 * @param problems what was found, first problems first (at most a few dozen); empty when intact
 * @since 1.1
 */
public record AuditVerification(boolean intact, long verified, long legacy, List<String> problems) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }
}

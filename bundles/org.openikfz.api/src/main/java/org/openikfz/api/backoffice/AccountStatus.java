package org.openikfz.api.backoffice;

import java.time.Instant;
import java.util.Objects;

/**
 * An account as the operators see it.
 *
 * @param disabled    disabled by an operator: no login until enabled again
 * @param lockedUntil locked after repeated failed logins until then, or {@code null}
 * @since 1.2
 */
public record AccountStatus(StaffMember member, boolean disabled, Instant lockedUntil) {

    public AccountStatus {
        Objects.requireNonNull(member, "member");
    }
}

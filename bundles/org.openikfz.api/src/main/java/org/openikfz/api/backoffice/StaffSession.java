package org.openikfz.api.backoffice;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in member of staff. The token is the session's secret: it is never logged and
 * {@link #toString()} does not show it.
 */
public record StaffSession(String token, StaffMember member, Instant expiresAt) {

    public StaffSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "StaffSession[" + member.user() + ", " + member.role() + ", " + member.authority() + ", until " + expiresAt + "]";
    }
}

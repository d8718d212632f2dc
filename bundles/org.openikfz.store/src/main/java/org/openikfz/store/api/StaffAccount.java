package org.openikfz.store.api;

import java.time.Instant;

/**
 * A back-office account as stored. {@link #toString()} shows neither hash nor secret.
 *
 * @param passwordHash  the password's hash in PHC string format ({@code $argon2id$...})
 * @param totpSecret    the shared secret of the one-time codes (Base32)
 * @param lastTotpStep  the last accepted time step, so a code is used once
 * @param lockedUntil   logins refused until then after repeated failures, or {@code null}
 * @since 1.1
 */
public record StaffAccount(String user, String displayName, String role, String authority, String passwordHash,
        String totpSecret, long lastTotpStep, int failedLogins, Instant lockedUntil, Instant createdAt) {

    @Override
    public String toString() {
        return "StaffAccount[" + user + ", " + role + ", " + authority + "]";
    }
}

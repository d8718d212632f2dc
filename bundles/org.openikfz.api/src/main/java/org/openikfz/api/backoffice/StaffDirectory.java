package org.openikfz.api.backoffice;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Staff accounts and their sessions: a password (stored as an Argon2id hash) and a time-based
 * one-time code (TOTP, RFC 6238) from the member's authenticator.
 */
@ProviderType
public interface StaffDirectory {

    /**
     * Logs a member of staff in.
     *
     * @throws BackOfficeException {@code UNAUTHORIZED} when user, password or code is wrong, or the
     *                             account is locked after repeated failures (which of these is not told)
     */
    StaffSession login(String user, String password, String oneTimeCode);

    /** The session of a token while it is valid; each use extends it. */
    Optional<StaffSession> session(String token);

    void logout(String token);

    /**
     * Creates an account (operators only).
     *
     * @throws BackOfficeException {@code FORBIDDEN} for other roles, {@code INVALID} for a taken or
     *                             malformed user name
     */
    NewAccount createAccount(StaffSession session, String user, String displayName, Role role, String authority);

    /** All accounts (operators only). */
    List<StaffMember> accounts(StaffSession session);
}

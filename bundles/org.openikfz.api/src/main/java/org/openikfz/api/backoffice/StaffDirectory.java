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

    /**
     * Logs a member of staff in from a client address: failed attempts are throttled per address (and per address
     * and user) before they count against the account, so an outsider cannot keep an account locked.
     *
     * @param clientAddress the client's address as the web tier established it (behind trusted proxies: the client's)
     * @throws BackOfficeException {@code UNAUTHORIZED} as {@link #login(String, String, String)}; also while the
     *                             address is throttled (which of these is not told)
     * @since 1.2
     */
    StaffSession login(String user, String password, String oneTimeCode, String clientAddress);

    /**
     * Changes the member's own password; the current one must be given.
     *
     * @throws BackOfficeException {@code UNAUTHORIZED} for a wrong current password, {@code INVALID} for a new one that
     *                             is too short or weak (the message says why)
     * @since 1.2
     */
    void changeOwnPassword(StaffSession session, String currentPassword, String newPassword);

    /**
     * Gives an account a new initial password and a new code secret (operators only), e.g. when a member forgot the
     * password or lost the authenticator; the account's sessions end, a lock is lifted.
     *
     * @since 1.2
     */
    NewAccount resetAccess(StaffSession session, String user);

    /**
     * Disables an account (its sessions end, no login until enabled) or enables it again (operators only; not one's
     * own account).
     *
     * @since 1.2
     */
    void setDisabled(StaffSession session, String user, boolean disabled);

    /**
     * Deletes an account (operators only; not one's own account, not the last operator). The audit trail keeps what
     * the member did.
     *
     * @since 1.2
     */
    void deleteAccount(StaffSession session, String user);

    /** All accounts with whether they are disabled or locked (operators only). @since 1.2 */
    List<AccountStatus> accountStatus(StaffSession session);

    /**
     * The registration authorities an account can belong to: those whose cases this platform holds,
     * by their key (e.g. {@code ERZ}). Operators only. Empty while the engine is not running; then any
     * well-formed key is accepted.
     *
     * @since 1.5
     */
    List<String> authorities(StaffSession session);
}

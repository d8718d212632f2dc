package org.openikfz.store.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of applications for the core engine. Every method runs in a transaction of its own,
 * or in the caller's when called on the store handed to {@link #inTransaction(Function)}.
 * Failures of the database surface as {@link StoreException}.
 *
 * <p>Strings that name things (procedure, authority, state, event type, destination) are the
 * engine's vocabulary; the store keeps them as they are.
 */
@ProviderType
public interface ApplicationStore {

    /** Opens a new application with a fresh id; created and updated time are now. */
    Application create(String procedureId, String authorityId, String initialState, int correctionsLeft);

    Optional<Application> find(UUID applicationId);

    /**
     * Moves an application from {@code expectedState} to {@code newState} and sets the corrections
     * left (§ 20(4) FZV), only if it is still in {@code expectedState} (compare and set).
     *
     * @return the updated application, or empty if it does not exist or is in another state
     */
    Optional<Application> transition(UUID applicationId, String expectedState, String newState, int correctionsLeft);

    /** Applications in {@code state} last updated before {@code updatedBefore}, oldest first. */
    List<Application> findByState(String state, Instant updatedBefore, int limit);

    /** Stores (inserts or replaces) one item of dialog data. */
    void putData(UUID applicationId, String key, String value);

    /** Stores (inserts or replaces) several items of dialog data in one transaction. */
    void putData(UUID applicationId, Map<String, String> data);

    Optional<String> getData(UUID applicationId, String key);

    /**
     * Claims vehicles for an application, in the caller's transaction: one application at a time per vehicle, so the
     * register is changed once and by one decision. {@code vehicles} are the vehicle's identifiers as the engine names
     * them (FIN, plate, eVB number); the store keeps only their SHA-256. A claim of an application that is gone or
     * whose state is one of {@code ended} is taken over; an application's claims go with its dialog data
     * ({@link #deleteData}).
     *
     * @return the other application that holds one of them (the nil UUID when another took one at this very moment),
     *         or empty when they are all this application's now
     * @since 1.9
     */
    Optional<UUID> claimVehicles(UUID applicationId, java.util.Collection<String> vehicles, java.util.Collection<String> ended);

    /** All dialog data of an application, sorted by key. */
    Map<String, String> getData(UUID applicationId);

    /**
     * Deletes all dialog data of an application, and its claims of vehicles (§ 19(1) S. 6 FZV: after the transfer, or at the
     * latest 30 minutes after an abort). The application, its audit trail and outbox stay.
     *
     * @return the number of items deleted
     */
    int deleteData(UUID applicationId);

    /**
     * Appends an event to the audit trail. {@code detail} must not contain personal data.
     *
     * @param applicationId the application, or {@code null} for an event of the system
     */
    AuditEvent appendAudit(UUID applicationId, String type, String detail);

    /** The audit trail of an application, in the order the events were appended. */
    List<AuditEvent> auditTrail(UUID applicationId);

    /** Events of the system (no application) whose type starts with {@code typePrefix}, newest first. @since 1.1 */
    List<AuditEvent> systemEvents(String typePrefix, int limit);

    /**
     * Deletes audit events that occurred before {@code cutoff} (§ 18(3) FZV: log data are deleted
     * after six months): the oldest events up to the first that is still to be kept. The deletion is
     * recorded as an {@code AUDIT_PURGED} event.
     *
     * @return the number of events deleted
     */
    int purgeAudit(Instant cutoff);

    /**
     * Verifies the audit trail's hash chain: every event's keyed hash, the link to its predecessor,
     * the start after the § 18(3) deletions and the newest event, against the checkpoints kept apart
     * from the database; events not linked yet are sealed first. Deletions by {@link #purgeAudit}
     * are recorded (an {@code AUDIT_PURGED} event) and keep the chain intact.
     *
     * @since 1.1
     */
    AuditVerification verifyAudit();

    /**
     * Removes some items of dialog data (e.g. security codes once they have served their purpose).
     *
     * @return the number of items removed
     * @since 1.1
     */
    int removeData(UUID applicationId, java.util.Collection<String> keys);

    /**
     * Sets some items of dialog data and removes others, in one write of the application's data: the
     * items of {@code set} are stored, then the keys of {@code remove} are gone (a key in both is
     * removed). The same as {@link #putData(UUID, Map)} followed by {@link #removeData}, in one
     * transaction.
     *
     * @return the number of items removed
     * @since 1.8
     */
    default int changeData(UUID applicationId, Map<String, String> set, java.util.Collection<String> remove) {
        return inTransaction(s -> {
            s.putData(applicationId, set);
            return s.removeData(applicationId, remove);
        });
    }

    /**
     * Queues a message with a label that outlives the payload (e.g. the kind of letter).
     *
     * @since 1.1
     */
    OutboxMessage enqueue(UUID applicationId, String destination, String label, String payload);

    /**
     * The messages to a destination for the applications of an authority, newest first, without payloads.
     *
     * @since 1.1
     */
    List<OutboxEntry> outbox(String destination, String authorityId, int limit);

    /** @since 1.1 */
    Optional<StaffAccount> findAccount(String user);

    /** All back-office accounts, by user name. @since 1.1 */
    List<StaffAccount> accounts();

    /**
     * Creates an account.
     *
     * @return {@code false} when the user name is taken
     * @since 1.1
     */
    boolean createAccount(StaffAccount account);

    /** Records the outcome of a login attempt. @since 1.1 */
    void recordLogin(String user, long lastTotpStep, int failedLogins, Instant lockedUntil);

    /**
     * Replaces an account's password hash.
     *
     * @return {@code false} when there is no such account
     * @since 1.4
     */
    boolean setPasswordHash(String user, String passwordHash);

    /**
     * Replaces an account's one-time-code secret (as stored, e.g. encrypted).
     *
     * @param newSecret whether it is a new secret (the last used time step starts anew) rather than the same secret
     *     stored in another form
     * @return {@code false} when there is no such account
     * @since 1.4
     */
    boolean setTotpSecret(String user, String totpSecret, boolean newSecret);

    /**
     * Locks an account until {@code until} ({@code null}: unlocks it) and clears its failed attempts.
     *
     * @return {@code false} when there is no such account
     * @since 1.4
     */
    boolean setLockedUntil(String user, Instant until);

    /**
     * Deletes an account.
     *
     * @return {@code false} when there is no such account
     * @since 1.4
     */
    boolean deleteAccount(String user);

    /** Records an automated decision (FZV § 23(3)). @since 1.1 */
    void recordDecision(DecisionRecord decision);

    /** @since 1.1 */
    Optional<DecisionRecord> findDecision(UUID applicationId);

    /** The automated decisions of an authority, newest first. @since 1.1 */
    List<DecisionRecord> decisions(String authorityId, int limit);

    /** Sets the day a decision took effect. @since 1.1 */
    void decisionEffective(UUID applicationId, java.time.LocalDate effectiveOn);

    /**
     * Moves a decision's review from {@code expectedState} to {@code newState} (compare and set).
     *
     * @param drawnBy set when drawing ({@code RANDOM}, {@code MANUAL}), otherwise {@code null} (kept)
     * @return whether the decision was in {@code expectedState}
     * @since 1.1
     */
    boolean review(UUID applicationId, String expectedState, String newState, String drawnBy, String reviewer, String note);

    /** Replaces the trace of an application's latest verification. @since 1.1 */
    void replaceTrace(UUID applicationId, List<TraceRecord> trace);

    /** @since 1.1 */
    List<TraceRecord> trace(UUID applicationId);

    /**
     * Deletes decision records and traces older than {@code cutoff} (§ 18(3): with the log data).
     *
     * @return the number of rows deleted
     * @since 1.1
     */
    int purgeDecisions(Instant cutoff);

    /** Queues a message for transfer; call it in the transaction that decides the transfer. */
    OutboxMessage enqueue(UUID applicationId, String destination, String payload);

    /** Messages not yet delivered, oldest first. */
    List<OutboxMessage> undelivered(int limit);

    /**
     * Claims up to {@code limit} undelivered messages, oldest first, for {@code node} until
     * {@code until}: those nobody holds, those whose claim lapsed before {@code now} (their node
     * died or stalled), and those {@code node} holds already. The messages are claimed with their
     * rows locked, so of several nodes on one database each message is claimed by one at a time; a
     * node delivers only what it claimed. The claimed messages are returned, oldest first. A
     * database only one process can open (the embedded H2) has nobody to claim against: it returns
     * the undelivered messages, oldest first, and holds nothing.
     *
     * @param node the claiming node's id (stable while its process runs, distinct per node)
     * @since 1.5
     */
    List<OutboxMessage> claimUndelivered(String node, Instant now, Instant until, int limit);

    /**
     * Marks a message delivered and clears its payload (it holds personal data).
     *
     * @return {@code true} if this call marked it, {@code false} if it was already delivered or
     *         does not exist
     */
    boolean markDelivered(long messageId);

    /**
     * Withdraws the messages of an application to a destination that are not delivered yet: they are marked done and
     * lose their payload, so nobody sends them any more (an applicant's e-mail whose case's data are deleted).
     *
     * @return how many were withdrawn
     * @since 1.7
     */
    int withdrawUndelivered(UUID applicationId, String destination);

    // ---- the case as typed state (engine v2) ----

    /** Inserts a new case (its version 0); created and updated time are now. @since 1.2 */
    Case insertCase(Case initial);

    /** @since 1.2 */
    Optional<Case> findCase(UUID applicationId);

    /**
     * The case with this reference number (Aktenzeichen), as given when it was opened or decided.
     *
     * @since 1.7
     */
    Optional<Case> findCaseByReference(String reference);

    /** The case with its dialog data, read in one query. @since 1.2 */
    Optional<CaseFile> findCaseFile(UUID applicationId);

    /**
     * Writes a changed case, only if the stored one still has {@code next.version()} (compare and
     * set): every field but the id, procedure, authority and creation time is written, the version
     * goes up by one and the update time is now.
     *
     * @return the stored case, or empty when it changed meanwhile (or does not exist)
     * @since 1.2
     */
    Optional<Case> updateCase(Case next);

    /**
     * {@link #updateCase(Case)} and, when it was written, the items of dialog data set, in one transaction (one
     * statement where the store can): what a request writes that changes a case and records what it was told.
     *
     * @return the case as stored, or empty (and no item set) when it was not at {@code next.version()} any more
     * @since 1.8
     */
    default Optional<Case> updateCase(Case next, Map<String, String> data) {
        if (data.isEmpty()) {
            return updateCase(next); // no items: the compare-and-set alone, no transaction around it
        }
        return inTransaction(s -> {
            Optional<Case> updated = s.updateCase(next);
            updated.ifPresent(u -> s.putData(next.id(), data));
            return updated;
        });
    }

    /** Cases in {@code state} due at or before {@code dueBy}, the longest due first. @since 1.2 */
    List<Case> casesDue(String state, Instant dueBy, int limit);

    /** Cases of any state whose {@link Case#dueAt()} is not after {@code dueBy}, soonest first (one indexed query). @since 1.3 */
    List<Case> casesDue(Instant dueBy, int limit);

    /**
     * Cases in {@code state}, last changed before {@code updatedBefore}, that have no undelivered
     * message in the outbox (one indexed query), oldest first. An e-mail to the applicant (destination
     * {@code mail}) is not part of the transfer and holds up no case (since 1.7).
     *
     * @since 1.2
     */
    List<Case> casesTransferred(String state, Instant updatedBefore, int limit);

    /** The next number of the decision references' sequence (unique). @since 1.2 */
    long nextDecisionNumber();

    /**
     * Counts a login attempt as failed before it is checked, atomically: refused (returns
     * {@code false}) while the account is locked; the attempt that reaches {@code maxFailures} locks
     * it until {@code lockUntil} and starts the count anew. A successful login then clears the count
     * with {@link #claimTotpStep}.
     *
     * @since 1.2
     */
    boolean claimLoginAttempt(String user, Instant now, int maxFailures, Instant lockUntil);

    /**
     * Records the time step of an accepted one-time code, only if it is newer than the last one
     * (RFC 6238 § 5.2: each code once), and clears the failed attempts and the lock.
     *
     * @return whether this call claimed the step
     * @since 1.2
     */
    boolean claimTotpStep(String user, long step);

    /** Appends several events to the audit trail together, in order. @since 1.2 */
    void appendAudit(List<AuditEntry> events);

    /**
     * Runs {@code work} in one transaction, on a store bound to it: everything it does is committed
     * together, or rolled back together when it throws (the exception is rethrown).
     */
    <T> T inTransaction(Function<ApplicationStore, T> work);

    /** The SQL dialect in use: {@code "H2"} or {@code "POSTGRES"}. */
    String dialect();

    /**
     * Whether another process may change this database's applications at the same time (PostgreSQL, an H2 server):
     * then only what is in the database holds a case across nodes. False for an embedded H2 database, which no other
     * process can open while this one has it: what this process holds in memory then holds for every writer.
     *
     * @since 1.10
     */
    default boolean sharedBetweenProcesses() {
        return true;
    }

    /** Database, schema version and whether a connection can be had right now. */
    StoreInfo info();

    /**
     * Links the events appended since the last call into the audit trail's hash chain and writes a
     * checkpoint apart from the database when one is due. Appending only inserts an event (with a
     * keyed MAC over its content); a background job calls this every second or so, and the
     * verification and the § 18(3) deletion seal first.
     *
     * @return the number of events linked into the chain
     * @since 1.3
     */
    int sealAudit();

    /**
     * One bounded step of the database's own housekeeping (a background job calls it every second or
     * so): on the embedded H2, compacting its file, which otherwise grows with every commit; nothing
     * on PostgreSQL (autovacuum).
     *
     * @since 1.3
     */
    void maintain();

    /** Statements and commits sent to the database since the store started. @since 1.3 */
    StoreActivity activity();

    /**
     * How many applications there are of each procedure in each state (one grouped query, for
     * monitoring; callers cache it).
     *
     * @since 1.5
     */
    java.util.List<CaseCount> countCases();

    /**
     * How many messages wait in the outbox per destination (one grouped query over the undelivered
     * ones, for monitoring; callers cache it). Destinations with none are left out.
     *
     * @since 1.5
     */
    Map<String, Long> undeliveredByDestination();

    /**
     * Hands a case from {@code expected} to {@code assignee}, in one conditional write: {@code expected}
     * {@code null} takes a case nobody holds, {@code assignee} {@code null} gives it back. Of two calls
     * expecting the same holder at once, one succeeds.
     *
     * @return whether the case is now held by {@code assignee}
     * @since 1.6
     */
    boolean assignCase(UUID applicationId, String expected, String assignee);

    /**
     * Who holds each of these cases; cases nobody holds are missing.
     *
     * @since 1.6
     */
    Map<UUID, String> caseAssignments(java.util.Collection<UUID> applicationIds);
}

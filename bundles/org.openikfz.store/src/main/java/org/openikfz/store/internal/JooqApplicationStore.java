package org.openikfz.store.internal;

import static org.openikfz.store.internal.jooq.Tables.APPLICATION;
import static org.openikfz.store.internal.jooq.Tables.AUDIT_EVENT;
import static org.openikfz.store.internal.jooq.Tables.CASE_ASSIGNMENT;
import static org.openikfz.store.internal.jooq.Tables.DECISION_RECORD;
import static org.openikfz.store.internal.jooq.Tables.DECISION_TRACE;
import static org.openikfz.store.internal.jooq.Tables.OUTBOX;
import static org.openikfz.store.internal.jooq.Tables.STAFF_ACCOUNT;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.exception.DataAccessException;
import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditEntry;
import org.openikfz.store.api.AuditEvent;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.CaseFile;
import org.openikfz.store.api.AuditVerification;
import org.openikfz.store.api.DecisionRecord;
import org.openikfz.store.api.OutboxEntry;
import org.openikfz.store.api.TraceRecord;
import org.openikfz.store.api.OutboxMessage;
import org.openikfz.store.api.StaffAccount;
import org.openikfz.store.api.StoreException;
import org.openikfz.store.api.StoreActivity;
import org.openikfz.store.api.StoreInfo;
import org.openikfz.store.internal.jooq.tables.records.ApplicationRecord;
import org.openikfz.store.internal.jooq.tables.records.AuditEventRecord;
import org.openikfz.store.internal.jooq.tables.records.OutboxRecord;
import org.openikfz.store.internal.jooq.tables.records.StaffAccountRecord;

/**
 * The store over a jOOQ context: the pool's (each call its own transaction) or one transaction's
 * (handed to {@link #inTransaction(Function)}; its calls then run in that transaction, without savepoints).
 */
final class JooqApplicationStore implements ApplicationStore {

    private final DSLContext dsl;
    private final Clock clock;
    private final Supplier<StoreInfo> info;
    private final AuditChain chain;
    private final Supplier<StoreActivity> activity;
    /** Bound to a transaction of inTransaction: its work runs in it, without transactions or savepoints of its own. */
    private final boolean bound;
    /** Bound: the transaction's connection, on which the hot path's statements run directly. */
    private final java.sql.Connection connection;
    /** Links the appended events into the chain and keeps the checkpoints. */
    private final AuditSealer sealer;
    /** The dialog's statements as fixed SQL. */
    private final HotStatements hot;
    /**
     * Bound: the applications whose row this transaction has changed, and so holds locked until it ends; a read of
     * their data needs no {@code FOR UPDATE} of its own.
     */
    private final java.util.Set<UUID> locked;

    JooqApplicationStore(DSLContext dsl, Clock clock, Supplier<StoreInfo> info, AuditSealer sealer, Supplier<StoreActivity> activity) {
        this(dsl, clock, info, sealer, activity, null, new HotStatements(dsl.dialect()));
    }

    private JooqApplicationStore(DSLContext dsl, Clock clock, Supplier<StoreInfo> info, AuditSealer sealer,
            Supplier<StoreActivity> activity, java.sql.Connection connection, HotStatements hot) {
        this.dsl = dsl;
        this.clock = clock;
        this.info = info;
        this.chain = sealer.chain();
        this.sealer = sealer;
        this.activity = activity;
        this.bound = connection != null;
        this.connection = connection;
        this.hot = hot;
        this.locked = bound ? new java.util.HashSet<>() : java.util.Set.of();
    }

    /** Whether this transaction holds the application's row locked already (only a bound store's can). */
    private boolean holdsLock(UUID applicationId) {
        return locked.contains(applicationId);
    }

    /** This transaction changed the application's row: it holds its lock until it ends. */
    private void lockedBy(UUID applicationId) {
        if (bound) {
            locked.add(applicationId);
        }
    }

    private JooqApplicationStore boundTo(java.sql.Connection c) {
        return new JooqApplicationStore(DSL.using(c, dsl.dialect(), dsl.settings()), clock, info, sealer, activity, c, hot);
    }

    @Override
    public Application create(String procedureId, String authorityId, String initialState, int correctionsLeft) {
        Objects.requireNonNull(procedureId, "procedureId");
        Objects.requireNonNull(authorityId, "authorityId");
        Objects.requireNonNull(initialState, "initialState");
        return run("create an application", ctx -> {
            OffsetDateTime now = now();
            ApplicationRecord r = ctx.newRecord(APPLICATION);
            r.setId(UUID.randomUUID());
            r.setProcedureId(procedureId);
            r.setAuthorityId(authorityId);
            r.setState(initialState);
            r.setCorrectionsLeft(correctionsLeft);
            r.setCreatedAt(now);
            r.setUpdatedAt(now);
            r.insert();
            return application(r);
        });
    }

    @Override
    public Optional<Application> find(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return run("read an application", ctx -> ctx.selectFrom(APPLICATION)
                .where(APPLICATION.ID.eq(applicationId))
                .fetchOptional()
                .map(JooqApplicationStore::application));
    }

    @Override
    public Optional<Application> transition(UUID applicationId, String expectedState, String newState,
            int correctionsLeft) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(expectedState, "expectedState");
        Objects.requireNonNull(newState, "newState");
        return tx("change the state of an application", ctx -> {
            int updated = ctx.update(APPLICATION)
                    .set(APPLICATION.STATE, newState)
                    .set(APPLICATION.CORRECTIONS_LEFT, correctionsLeft)
                    .set(APPLICATION.UPDATED_AT, now())
                    .set(APPLICATION.VERSION, APPLICATION.VERSION.plus(1))
                    .where(APPLICATION.ID.eq(applicationId))
                    .and(APPLICATION.STATE.eq(expectedState))
                    .execute();
            if (updated == 0) {
                return Optional.empty();
            }
            return ctx.selectFrom(APPLICATION).where(APPLICATION.ID.eq(applicationId)).fetchOptional()
                    .map(JooqApplicationStore::application);
        });
    }

    @Override
    public List<Application> findByState(String state, Instant updatedBefore, int limit) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedBefore, "updatedBefore");
        return run("list applications", ctx -> ctx.selectFrom(APPLICATION)
                .where(APPLICATION.STATE.eq(state))
                .and(APPLICATION.UPDATED_AT.lt(utc(updatedBefore)))
                .orderBy(APPLICATION.UPDATED_AT, APPLICATION.ID)
                .limit(limit)
                .fetch(JooqApplicationStore::application));
    }

    @Override
    public void putData(UUID applicationId, String key, String value) {
        putData(applicationId, Map.of(key, value));
    }

    @Override
    public void putData(UUID applicationId, Map<String, String> data) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            return;
        }
        // one statement appending the items to the row; a compaction reads and writes it in the same transaction
        jdbcTx("store dialog data", c -> {
            hot.putData(c, applicationId, data, holdsLock(applicationId));
            return null;
        });
        lockedBy(applicationId);
    }

    @Override
    public Optional<String> getData(UUID applicationId, String key) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(getData(applicationId).get(key));
    }

    @Override
    public Map<String, String> getData(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return run("read dialog data", ctx -> DialogData.decode(ctx.select(APPLICATION.DIALOG_DATA).from(APPLICATION)
                .where(APPLICATION.ID.eq(applicationId)).fetchOptional(APPLICATION.DIALOG_DATA).orElse(null)));
    }

    @Override
    public int deleteData(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        int deleted = jdbcTx("delete dialog data", c -> hot.deleteData(c, applicationId, holdsLock(applicationId)));
        lockedBy(applicationId);
        return deleted;
    }

    @Override
    public Optional<UUID> claimVehicles(UUID applicationId, java.util.Collection<String> vehicles, java.util.Collection<String> ended) {
        Objects.requireNonNull(applicationId, "applicationId");
        java.util.SortedSet<String> hashed = new java.util.TreeSet<>();
        for (String vehicle : vehicles) {
            hashed.add(sha256("vehicle:" + vehicle));
        }
        OffsetDateTime now = now();
        return jdbcTx("claim the vehicle", c -> hot.claimVehicles(c, applicationId, hashed, java.util.Set.copyOf(ended), now));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * One INSERT: the event with its keyed MAC; the sealer links it into the chain within a second
     * (see {@link AuditChain}). Requests never wait for each other's appends.
     */
    @Override
    public AuditEvent appendAudit(UUID applicationId, String type, String detail) {
        Objects.requireNonNull(type, "type");
        OffsetDateTime now = now();
        long id = jdbc("append to the audit trail", c -> hot.appendAudit(c, List.of(new AuditEntry(applicationId, type, detail)), now,
                chain));
        sealer.appended();
        return new AuditEvent(id, applicationId, now.toInstant(), type, detail);
    }

    @Override
    public List<AuditEvent> auditTrail(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return run("read the audit trail", ctx -> ctx.selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.APPLICATION_ID.eq(applicationId))
                .orderBy(AUDIT_EVENT.ID)
                .fetch(JooqApplicationStore::auditEvent));
    }

    @Override
    public List<AuditEvent> systemEvents(String typePrefix, int limit) {
        Objects.requireNonNull(typePrefix, "typePrefix");
        return run("read the system's events", ctx -> ctx.selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.APPLICATION_ID.isNull()).and(AUDIT_EVENT.EVENT_TYPE.startsWith(typePrefix))
                .orderBy(AUDIT_EVENT.ID.desc()).limit(limit)
                .fetch(JooqApplicationStore::auditEvent));
    }

    /**
     * FZV § 18(3): deletes the oldest events, in chain order, up to the first one to keep (so an
     * older event after a younger one stays until the ones before it go); the chain then starts
     * where it was cut. Seals first, so that every event to consider is in the chain.
     */
    @Override
    public int purgeAudit(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        sealer.sealNow();
        int deleted = tx("purge the audit trail", ctx -> ctx.connectionResult(c -> {
            AuditChain.Head head = AuditChain.head(c, true);
            long firstKeptPos = head.headPos() + 1;
            String anchor = head.headHash();
            try (var first = c.prepareStatement("SELECT chain_pos, prev_hash FROM audit_event WHERE chain_pos IS NOT NULL"
                    + " AND occurred_at >= ? ORDER BY chain_pos FETCH FIRST 1 ROWS ONLY")) {
                first.setObject(1, utc(cutoff));
                try (var r = first.executeQuery()) {
                    if (r.next()) {
                        firstKeptPos = r.getLong(1);
                        anchor = r.getString(2);
                    }
                }
            }
            int n;
            try (var delete = c.prepareStatement("DELETE FROM audit_event WHERE chain_pos < ?"
                    + " OR (chain_pos IS NULL AND id <= ? AND occurred_at < ?)")) {
                delete.setLong(1, firstKeptPos);
                delete.setLong(2, head.legacyUntil());
                delete.setObject(3, utc(cutoff));
                n = delete.executeUpdate();
            }
            if (n > 0) {
                try (var update = c.prepareStatement("UPDATE audit_chain SET anchor_pos = ?, anchor_hash = ? WHERE id = 1")) {
                    update.setLong(1, firstKeptPos - 1);
                    update.setString(2, anchor);
                    update.executeUpdate();
                }
            }
            return n;
        }));
        if (deleted > 0) {
            // FZV § 18(3): the deletion runs themselves are recorded; the checkpoints learn where the chain starts now
            appendAudit(null, "AUDIT_PURGED", "deleted=" + deleted + ";before=" + cutoff);
            sealer.checkpoint(true);
        }
        return deleted;
    }

    @Override
    public AuditVerification verifyAudit() {
        return sealer.verify();
    }

    /** The database's housekeeping belongs to the component that holds the database (StoreComponent). */
    @Override
    public void maintain() {
        // nothing here: a bound or inner store has no database of its own
    }

    @Override
    public int sealAudit() {
        return sealer.seal();
    }

    @Override
    public OutboxMessage enqueue(UUID applicationId, String destination, String payload) {
        return enqueue(applicationId, destination, null, payload);
    }

    @Override
    public OutboxMessage enqueue(UUID applicationId, String destination, String label, String payload) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        OffsetDateTime now = now();
        long id = jdbc("queue a message for transfer", c -> hot.enqueue(c, applicationId, destination, label, payload, now));
        return new OutboxMessage(id, applicationId, destination, payload, now.toInstant(), null);
    }

    @Override
    public List<OutboxEntry> outbox(String destination, String authorityId, int limit) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(authorityId, "authorityId");
        return run("read the outbox", ctx -> ctx.select(OUTBOX.ID, OUTBOX.APPLICATION_ID, OUTBOX.DESTINATION, OUTBOX.LABEL,
                        OUTBOX.CREATED_AT, OUTBOX.DELIVERED_AT)
                .from(OUTBOX).join(APPLICATION).on(APPLICATION.ID.eq(OUTBOX.APPLICATION_ID))
                .where(OUTBOX.DESTINATION.eq(destination)).and(APPLICATION.AUTHORITY_ID.eq(authorityId))
                .orderBy(OUTBOX.ID.desc())
                .limit(limit)
                .fetch(r -> new OutboxEntry(r.value1(), r.value2(), r.value3(), r.value4(), instant(r.value5()), instant(r.value6()))));
    }

    @Override
    public int removeData(UUID applicationId, Collection<String> keys) {
        Objects.requireNonNull(applicationId, "applicationId");
        if (keys.isEmpty()) {
            return 0;
        }
        int removed = jdbcTx("remove dialog data", c -> hot.removeData(c, applicationId, keys, holdsLock(applicationId)));
        lockedBy(applicationId);
        return removed;
    }

    @Override
    public int changeData(UUID applicationId, Map<String, String> set, Collection<String> remove) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(remove, "remove");
        if (set.isEmpty() && remove.isEmpty()) {
            return 0;
        }
        int removed = jdbcTx("change dialog data", c -> hot.changeData(c, applicationId, set, remove, holdsLock(applicationId)));
        lockedBy(applicationId);
        return removed;
    }

    @Override
    public Optional<StaffAccount> findAccount(String user) {
        Objects.requireNonNull(user, "user");
        return run("read an account", ctx -> ctx.selectFrom(STAFF_ACCOUNT).where(STAFF_ACCOUNT.USER_NAME.eq(user))
                .fetchOptional().map(JooqApplicationStore::account));
    }

    @Override
    public List<StaffAccount> accounts() {
        return run("read the accounts", ctx -> ctx.selectFrom(STAFF_ACCOUNT).orderBy(STAFF_ACCOUNT.USER_NAME)
                .fetch(JooqApplicationStore::account));
    }

    @Override
    public boolean createAccount(StaffAccount a) {
        Objects.requireNonNull(a, "account");
        return run("create an account", ctx -> ctx.insertInto(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.USER_NAME, a.user())
                .set(STAFF_ACCOUNT.DISPLAY_NAME, a.displayName())
                .set(STAFF_ACCOUNT.ROLE, a.role())
                .set(STAFF_ACCOUNT.AUTHORITY_ID, a.authority())
                .set(STAFF_ACCOUNT.PASSWORD_HASH, a.passwordHash())
                .set(STAFF_ACCOUNT.TOTP_SECRET, a.totpSecret())
                .set(STAFF_ACCOUNT.LAST_TOTP_STEP, a.lastTotpStep())
                .set(STAFF_ACCOUNT.FAILED_LOGINS, a.failedLogins())
                .set(STAFF_ACCOUNT.LOCKED_UNTIL, a.lockedUntil() == null ? null : utc(a.lockedUntil()))
                .set(STAFF_ACCOUNT.CREATED_AT, now())
                .onConflictDoNothing()
                .execute() == 1);
    }

    @Override
    public void recordLogin(String user, long lastTotpStep, int failedLogins, Instant lockedUntil) {
        Objects.requireNonNull(user, "user");
        run("record a login", ctx -> ctx.update(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.LAST_TOTP_STEP, lastTotpStep)
                .set(STAFF_ACCOUNT.FAILED_LOGINS, failedLogins)
                .set(STAFF_ACCOUNT.LOCKED_UNTIL, lockedUntil == null ? null : utc(lockedUntil))
                .where(STAFF_ACCOUNT.USER_NAME.eq(user))
                .execute());
    }

    @Override
    public void recordDecision(DecisionRecord d) {
        Objects.requireNonNull(d, "decision");
        jdbc("record a decision", c -> {
            hot.recordDecision(c, d);
            return null;
        });
    }

    @Override
    public Optional<DecisionRecord> findDecision(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return run("read a decision", ctx -> ctx.selectFrom(DECISION_RECORD).where(DECISION_RECORD.APPLICATION_ID.eq(applicationId))
                .fetchOptional().map(JooqApplicationStore::decisionRecord));
    }

    @Override
    public List<DecisionRecord> decisions(String authorityId, int limit) {
        Objects.requireNonNull(authorityId, "authorityId");
        return run("read the decisions", ctx -> ctx.selectFrom(DECISION_RECORD).where(DECISION_RECORD.AUTHORITY_ID.eq(authorityId))
                .orderBy(DECISION_RECORD.DECIDED_AT.desc()).limit(limit).fetch(JooqApplicationStore::decisionRecord));
    }

    @Override
    public void decisionEffective(UUID applicationId, java.time.LocalDate effectiveOn) {
        // plain JDBC: called for every mailed decision when the windows close (thousands at once after a peak), where
        // rendering the statement anew each time cost more than running it
        jdbc("record when a decision took effect", c -> {
            hot.decisionEffective(c, applicationId, effectiveOn);
            return null;
        });
    }

    @Override
    public boolean review(UUID applicationId, String expectedState, String newState, String drawnBy, String reviewer, String note) {
        return run("review a decision", ctx -> {
            var update = ctx.update(DECISION_RECORD).set(DECISION_RECORD.REVIEW_STATE, newState);
            if (drawnBy != null) {
                update = update.set(DECISION_RECORD.DRAWN_BY, drawnBy).set(DECISION_RECORD.DRAWN_AT, now());
            }
            if (reviewer != null) {
                update = update.set(DECISION_RECORD.REVIEWER, reviewer).set(DECISION_RECORD.REVIEWED_AT, now())
                        .set(DECISION_RECORD.REVIEW_NOTE, note);
            }
            return update.where(DECISION_RECORD.APPLICATION_ID.eq(applicationId)).and(DECISION_RECORD.REVIEW_STATE.eq(expectedState))
                    .execute() == 1;
        });
    }

    @Override
    public boolean assignCase(UUID applicationId, String expected, String assignee) {
        Objects.requireNonNull(applicationId, "applicationId");
        if (Objects.equals(expected, assignee)) {
            return expected == null ? caseAssignments(List.of(applicationId)).isEmpty()
                    : expected.equals(caseAssignments(List.of(applicationId)).get(applicationId));
        }
        return run("assign a case", ctx -> {
            if (expected == null) {
                // taken when nobody holds it: the primary key lets one of two inserts at once through
                try {
                    return ctx.insertInto(CASE_ASSIGNMENT, CASE_ASSIGNMENT.APPLICATION_ID, CASE_ASSIGNMENT.ASSIGNED_TO, CASE_ASSIGNMENT.ASSIGNED_AT)
                            .values(applicationId, assignee, now()).onConflictDoNothing().execute() == 1;
                } catch (org.jooq.exception.IntegrityConstraintViolationException taken) {
                    return false; // H2's emulation of ON CONFLICT can still meet the other insert's key
                }
            }
            if (assignee == null) {
                return ctx.deleteFrom(CASE_ASSIGNMENT).where(CASE_ASSIGNMENT.APPLICATION_ID.eq(applicationId))
                        .and(CASE_ASSIGNMENT.ASSIGNED_TO.eq(expected)).execute() == 1;
            }
            return ctx.update(CASE_ASSIGNMENT).set(CASE_ASSIGNMENT.ASSIGNED_TO, assignee).set(CASE_ASSIGNMENT.ASSIGNED_AT, now())
                    .where(CASE_ASSIGNMENT.APPLICATION_ID.eq(applicationId)).and(CASE_ASSIGNMENT.ASSIGNED_TO.eq(expected)).execute() == 1;
        });
    }

    @Override
    public Map<UUID, String> caseAssignments(Collection<UUID> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Map.of();
        }
        return run("read case assignments", ctx -> {
            Map<UUID, String> held = new HashMap<>();
            ctx.select(CASE_ASSIGNMENT.APPLICATION_ID, CASE_ASSIGNMENT.ASSIGNED_TO).from(CASE_ASSIGNMENT)
                    .where(CASE_ASSIGNMENT.APPLICATION_ID.in(applicationIds))
                    .forEach(r -> held.put(r.value1(), r.value2()));
            return held;
        });
    }

    @Override
    public void replaceTrace(UUID applicationId, List<TraceRecord> trace) {
        Objects.requireNonNull(applicationId, "applicationId");
        jdbcTx("record the trace", c -> {
            hot.replaceTrace(c, applicationId, trace, now());
            return null;
        });
    }

    @Override
    public List<TraceRecord> trace(UUID applicationId) {
        return run("read the trace", ctx -> ctx.selectFrom(DECISION_TRACE).where(DECISION_TRACE.APPLICATION_ID.eq(applicationId))
                .orderBy(DECISION_TRACE.SEQ).fetch(r -> new TraceRecord(r.getApplicationId(), r.getSeq(), r.getStep(), r.getOutcome(),
                        r.getInputs(), r.getEstablished(), r.getRule(), r.getVersion(), instant(r.getRecordedAt()))));
    }

    @Override
    public int purgeDecisions(Instant cutoff) {
        return tx("purge decision records", ctx -> ctx.deleteFrom(DECISION_TRACE).where(DECISION_TRACE.RECORDED_AT.lt(utc(cutoff))).execute()
                + ctx.deleteFrom(DECISION_RECORD).where(DECISION_RECORD.DECIDED_AT.lt(utc(cutoff))).execute());
    }

    private static DecisionRecord decisionRecord(org.openikfz.store.internal.jooq.tables.records.DecisionRecordRecord r) {
        return new DecisionRecord(r.getApplicationId(), r.getProcedureId(), r.getAuthorityId(), r.getReference(), r.getProcedureVersion(),
                instant(r.getDecidedAt()), r.getEffectiveOn(), r.getReviewState(), r.getDrawnBy(), instant(r.getDrawnAt()), r.getReviewer(),
                instant(r.getReviewedAt()), r.getReviewNote());
    }

    private static StaffAccount account(StaffAccountRecord r) {
        return new StaffAccount(r.getUserName(), r.getDisplayName(), r.getRole(), r.getAuthorityId(), r.getPasswordHash(),
                r.getTotpSecret(), r.getLastTotpStep(), r.getFailedLogins(), instant(r.getLockedUntil()), instant(r.getCreatedAt()));
    }

    @Override
    public List<OutboxMessage> undelivered(int limit) {
        return jdbc("read the outbox", c -> hot.undelivered(c, limit));
    }

    /**
     * The claimable messages are read with their rows locked ({@code FOR UPDATE}), then claimed by
     * primary key in the same transaction (see {@link ApplicationStore#claimUndelivered}). Locked,
     * they cannot be claimed or marked by anyone else before this commits, so the UPDATE needs no
     * condition of its own. On PostgreSQL the candidates are picked with {@code SKIP LOCKED}: two
     * nodes claiming at once get different messages instead of one waiting for the other and
     * finding nothing. (A conditional UPDATE over the id list made H2 walk the index of every
     * undelivered message per round: with 60,000 queued the outbox thread did little else.)
     *
     * <p>The embedded H2 is one node's by construction (its file is locked by the process that opened
     * it), so there is nobody to claim against: its messages are read, oldest first, and nothing is
     * written. (Locking and claiming rewrote each message with its payload twice and read it back
     * from H2's undo log at the commit, which after a peak took the outbox thread longer than
     * sending.)
     */
    @Override
    public List<OutboxMessage> claimUndelivered(String node, Instant now, Instant until, int limit) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(until, "until");
        if (dsl.dialect().family() == org.jooq.SQLDialect.H2) {
            return undelivered(limit);
        }
        return tx("claim outbox messages", ctx -> {
            org.jooq.Condition claimable = OUTBOX.DELIVERED_AT.isNull()
                    .and(OUTBOX.CLAIMED_UNTIL.isNull().or(OUTBOX.CLAIMED_UNTIL.lt(utc(now))).or(OUTBOX.CLAIMED_BY.eq(node)));
            var candidates = ctx.selectFrom(OUTBOX).where(claimable).orderBy(OUTBOX.ID).limit(limit).forUpdate();
            List<OutboxMessage> claimed = (ctx.dialect().family() == org.jooq.SQLDialect.POSTGRES ? candidates.skipLocked() : candidates)
                    .fetch(JooqApplicationStore::outboxMessage);
            if (!claimed.isEmpty()) {
                ctx.update(OUTBOX).set(OUTBOX.CLAIMED_BY, node).set(OUTBOX.CLAIMED_UNTIL, utc(until))
                        .where(OUTBOX.ID.in(claimed.stream().map(OutboxMessage::id).toList())).execute();
            }
            return claimed;
        });
    }

    @Override
    public boolean markDelivered(long messageId) {
        return jdbc("mark a message delivered", c -> hot.markDelivered(c, messageId, now()));
    }

    // ---- the case as typed state ----

    @Override
    public Case insertCase(Case c) {
        Objects.requireNonNull(c, "case");
        // the reference and the status code's hash are given once, here: updateCase never writes them
        Case inserted = jdbc("open an application", conn -> hot.insertCase(conn, c, now()));
        lockedBy(inserted.id());
        return inserted;
    }

    @Override
    public Optional<Case> findCase(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return Optional.ofNullable(jdbc("read an application", c -> hot.findCase(c, applicationId)));
    }

    @Override
    public Optional<Case> findCaseByReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        return run("read an application", ctx -> ctx.selectFrom(APPLICATION).where(APPLICATION.REFERENCE.eq(reference))
                .fetchOptional().map(JooqApplicationStore::caseOf));
    }

    @Override
    public Optional<CaseFile> findCaseFile(UUID applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        return Optional.ofNullable(jdbc("read an application", c -> hot.findCaseFile(c, applicationId)))
                .map(f -> new CaseFile(f.state(), f.data()));
    }

    @Override
    public Optional<Case> updateCase(Case next) {
        Objects.requireNonNull(next, "case");
        Optional<Case> updated = Optional.ofNullable(jdbc("change an application", c -> hot.updateCase(c, next, now())));
        updated.ifPresent(u -> lockedBy(u.id()));
        return updated;
    }

    @Override
    public Optional<Case> updateCase(Case next, Map<String, String> data) {
        Objects.requireNonNull(next, "case");
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            return updateCase(next);
        }
        // one statement; a transaction of its own only for the rare compaction of a long column (read, then write)
        Optional<Case> updated = Optional.ofNullable(jdbcTx("change an application", c -> hot.updateCase(c, next, data, now())));
        updated.ifPresent(u -> lockedBy(u.id()));
        return updated;
    }

    @Override
    public List<Case> casesDue(String state, Instant dueBy, int limit) {
        Objects.requireNonNull(state, "state");
        return run("list applications", ctx -> ctx.selectFrom(APPLICATION)
                .where(APPLICATION.STATE.eq(state)).and(APPLICATION.DUE_AT.le(utc(dueBy)))
                .orderBy(APPLICATION.DUE_AT, APPLICATION.ID).limit(limit)
                .fetch(JooqApplicationStore::caseOf));
    }

    @Override
    public List<Case> casesDue(Instant dueBy, int limit) {
        Objects.requireNonNull(dueBy, "dueBy");
        return jdbc("list applications", c -> hot.casesDue(c, dueBy, limit));
    }

    @Override
    public List<Case> casesTransferred(String state, Instant updatedBefore, int limit) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedBefore, "updatedBefore");
        // the applicant's e-mail is no part of the transfer: a mail server that is down holds up no deletion
        return jdbc("list applications", c -> hot.casesTransferred(c, state, updatedBefore, limit));
    }

    @Override
    public int withdrawUndelivered(UUID applicationId, String destination) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(destination, "destination");
        // plain JDBC: called for every application completed after its transfer (the drain after a peak)
        return jdbc("withdraw messages", c -> hot.withdrawUndelivered(c, applicationId, destination, now()));
    }

    @Override
    public long nextDecisionNumber() {
        return jdbc("number a decision", hot::nextDecisionNumber);
    }

    @Override
    public boolean claimLoginAttempt(String user, Instant now, int maxFailures, Instant lockUntil) {
        Objects.requireNonNull(user, "user");
        return run("record a login attempt", ctx -> {
            var reaching = STAFF_ACCOUNT.FAILED_LOGINS.plus(1).ge(maxFailures);
            return ctx.update(STAFF_ACCOUNT)
                    .set(STAFF_ACCOUNT.FAILED_LOGINS, DSL.when(reaching, DSL.inline(0)).otherwise(STAFF_ACCOUNT.FAILED_LOGINS.plus(1)))
                    .set(STAFF_ACCOUNT.LOCKED_UNTIL, DSL.when(reaching, DSL.val(utc(lockUntil))).otherwise(DSL.castNull(STAFF_ACCOUNT.LOCKED_UNTIL)))
                    .where(STAFF_ACCOUNT.USER_NAME.eq(user))
                    .and(STAFF_ACCOUNT.LOCKED_UNTIL.isNull().or(STAFF_ACCOUNT.LOCKED_UNTIL.le(utc(now))))
                    .execute() == 1;
        });
    }

    @Override
    public boolean setPasswordHash(String user, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return run("change a password", ctx -> ctx.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.PASSWORD_HASH, passwordHash)
                .where(STAFF_ACCOUNT.USER_NAME.eq(Objects.requireNonNull(user, "user"))).execute() == 1);
    }

    @Override
    public boolean setTotpSecret(String user, String totpSecret, boolean newSecret) {
        Objects.requireNonNull(totpSecret, "totpSecret");
        return run("change a code secret", ctx -> {
            var update = ctx.update(STAFF_ACCOUNT).set(STAFF_ACCOUNT.TOTP_SECRET, totpSecret);
            return (newSecret ? update.set(STAFF_ACCOUNT.LAST_TOTP_STEP, 0L) : update)
                    .where(STAFF_ACCOUNT.USER_NAME.eq(Objects.requireNonNull(user, "user"))).execute() == 1;
        });
    }

    @Override
    public boolean setLockedUntil(String user, Instant until) {
        return run("lock or unlock an account", ctx -> ctx.update(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.LOCKED_UNTIL, until == null ? null : utc(until))
                .set(STAFF_ACCOUNT.FAILED_LOGINS, 0)
                .where(STAFF_ACCOUNT.USER_NAME.eq(Objects.requireNonNull(user, "user"))).execute() == 1);
    }

    @Override
    public boolean deleteAccount(String user) {
        return run("delete an account", ctx -> ctx.deleteFrom(STAFF_ACCOUNT)
                .where(STAFF_ACCOUNT.USER_NAME.eq(Objects.requireNonNull(user, "user"))).execute() == 1);
    }

    @Override
    public boolean claimTotpStep(String user, long step) {
        Objects.requireNonNull(user, "user");
        return run("record a login", ctx -> ctx.update(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.LAST_TOTP_STEP, step)
                .set(STAFF_ACCOUNT.FAILED_LOGINS, 0)
                .setNull(STAFF_ACCOUNT.LOCKED_UNTIL)
                .where(STAFF_ACCOUNT.USER_NAME.eq(user)).and(STAFF_ACCOUNT.LAST_TOTP_STEP.lt(step))
                .execute() == 1);
    }

    /** One multi-row INSERT for all events (see {@link #appendAudit(UUID, String, String)}). */
    @Override
    public void appendAudit(List<AuditEntry> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        jdbcTx("append to the audit trail", c -> hot.appendAudit(c, events, now, chain));
        sealer.appended();
    }

    private static Case caseOf(ApplicationRecord r) {
        CaseDecision decision = r.getDecisionReference() == null || r.getDecidedAt() == null ? null
                : new CaseDecision(r.getDecisionReference(), !Boolean.FALSE.equals(r.getDecidedAutomated()),
                        !Boolean.FALSE.equals(r.getDecisionApproved()), instant(r.getDecidedAt()), instant(r.getOfferedUntil()),
                        instant(r.getRetrievedAt()), r.getMailedOn(), r.getEffectiveOn(), r.getDrivingAllowedUntil());
        return new Case(r.getId(), r.getProcedureId(), r.getProcedureVersion(), r.getAuthorityId(), r.getState(),
                r.getVersion() == null ? 0 : r.getVersion(), r.getCorrectionsLeft(), r.getTokenHash(), r.getEidState(),
                Boolean.TRUE.equals(r.getIdentified()), instant(r.getLeaseUntil()), r.getVerifiedHash(), r.getFeeTotal(),
                r.getPaymentId(), instant(r.getPaidAt()), decision, instant(r.getDueAt()), instant(r.getCreatedAt()),
                instant(r.getUpdatedAt()), r.getReference(), r.getStatusHash());
    }

    @Override
    public <T> T inTransaction(Function<ApplicationStore, T> work) {
        Objects.requireNonNull(work, "work");
        if (bound) {
            return work.apply(this); // already in one: the work joins it
        }
        // runtime exceptions of the work (StoreException among them) pass through unchanged
        return transaction("run a transaction", c -> work.apply(boundTo(c)));
    }

    @Override
    public String dialect() {
        return info.get().dialect();
    }

    @Override
    public StoreInfo info() {
        return info.get();
    }

    @Override
    public StoreActivity activity() {
        return activity.get();
    }

    @Override
    public List<org.openikfz.store.api.CaseCount> countCases() {
        return run("count applications", ctx -> ctx.select(APPLICATION.PROCEDURE_ID, APPLICATION.STATE, DSL.count())
                .from(APPLICATION)
                .groupBy(APPLICATION.PROCEDURE_ID, APPLICATION.STATE)
                .orderBy(APPLICATION.PROCEDURE_ID, APPLICATION.STATE)
                .fetch(r -> new org.openikfz.store.api.CaseCount(r.value1(), r.value2(), r.value3())));
    }

    @Override
    public Map<String, Long> undeliveredByDestination() {
        // over the index of undelivered messages (delivered_at, id)
        Map<String, Long> counts = new java.util.TreeMap<>();
        run("count the outbox", ctx -> ctx.select(OUTBOX.DESTINATION, DSL.count())
                .from(OUTBOX)
                .where(OUTBOX.DELIVERED_AT.isNull())
                .groupBy(OUTBOX.DESTINATION)
                .fetch()).forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /**
     * Runs {@code work} in a transaction of its own, or in the bound one (no savepoint: a failure
     * rolls the whole transaction back); database errors become StoreExceptions.
     */
    private <T> T tx(String what, Function<DSLContext, T> work) {
        if (bound) {
            return run(what, work);
        }
        return transaction(what, c -> work.apply(DSL.using(c, dsl.dialect(), dsl.settings())));
    }

    /**
     * A plain JDBC transaction on a connection of the pool: jOOQ's transaction API cost about a tenth of a
     * decision's time on H2 (its context, listeners and a read-only query per transaction). Runtime exceptions of
     * the work pass through unchanged, database errors become StoreExceptions.
     */
    private <T> T transaction(String what, SqlWork<T> work) {
        org.jooq.ConnectionProvider pool = dsl.configuration().connectionProvider();
        java.sql.Connection c;
        try {
            c = pool.acquire();
        } catch (DataAccessException e) {
            throw failed(what, e);
        }
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            return result;
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            if (e instanceof DataAccessException d) {
                throw failed(what, d);
            }
            throw e;
        } catch (java.sql.SQLException e) {
            rollback(c, e);
            throw failed(what, new DataAccessException(e.getMessage(), e));
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (java.sql.SQLException e) {
                // the pool resets what it lent; a broken connection is evicted there
            }
            pool.release(c);
        }
    }

    private static void rollback(java.sql.Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (java.sql.SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Work on the JDBC connection of the hot path ({@link HotStatements}). */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(java.sql.Connection c) throws java.sql.SQLException;
    }

    /**
     * Runs hot-path {@code work} on a connection of the pool (auto-commit), or on the bound transaction's: plain JDBC,
     * without jOOQ's context around each statement.
     */
    private <T> T jdbc(String what, SqlWork<T> work) {
        if (bound) {
            try {
                return work.run(connection);
            } catch (java.sql.SQLException e) {
                throw failed(what, new DataAccessException(e.getMessage(), e));
            }
        }
        org.jooq.ConnectionProvider pool = dsl.configuration().connectionProvider();
        try {
            java.sql.Connection c = pool.acquire();
            try {
                return work.run(c);
            } finally {
                pool.release(c);
            }
        } catch (java.sql.SQLException e) {
            throw failed(what, new DataAccessException(e.getMessage(), e));
        } catch (DataAccessException e) {
            throw failed(what, e);
        }
    }

    /** Runs hot-path {@code work} of more than one statement in a transaction of its own, or in the bound one. */
    private <T> T jdbcTx(String what, SqlWork<T> work) {
        return bound ? jdbc(what, work) : transaction(what, work);
    }

    /** Runs {@code work} without a transaction of its own: one statement (auto-commit), or inside the bound transaction. */
    private <T> T run(String what, Function<DSLContext, T> work) {
        try {
            return work.apply(dsl);
        } catch (DataAccessException e) {
            throw failed(what, e);
        }
    }

    private static StoreException failed(String what, DataAccessException e) {
        // the SQL state tells what went wrong; the driver's message may quote values (personal data)
        return new StoreException("Could not " + what + " (SQL state " + e.sqlState() + ")", e);
    }

    /** Now, to the microsecond: what both databases keep. */
    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static Application application(ApplicationRecord r) {
        return new Application(r.getId(), r.getProcedureId(), r.getAuthorityId(), r.getState(),
                r.getCorrectionsLeft(), instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
    }

    private static AuditEvent auditEvent(AuditEventRecord r) {
        return new AuditEvent(r.getId(), r.getApplicationId(), instant(r.getOccurredAt()), r.getEventType(),
                r.getDetail());
    }

    private static OutboxMessage outboxMessage(OutboxRecord r) {
        return new OutboxMessage(r.getId(), r.getApplicationId(),
                r.getDestination(), r.getPayload(), instant(r.getCreatedAt()), instant(r.getDeliveredAt()));
    }
}

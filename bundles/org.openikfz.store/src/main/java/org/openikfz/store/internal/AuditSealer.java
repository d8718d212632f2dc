package org.openikfz.store.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.openikfz.store.api.AuditVerification;
import org.openikfz.store.api.StoreException;

/**
 * Links appended events into the audit chain ({@link AuditChain#seal}) and keeps the checkpoints
 * apart from the database ({@link AuditCheckpoints}): after every sealing that moved the chain, at
 * most once a {@link #CHECKPOINT_INTERVAL}, and always before a verification, after a deletion run
 * and at shutdown. When nothing was appended in this process, a round asks the database only once
 * a minute (another node's events).
 */
final class AuditSealer {

    private static final System.Logger LOG = System.getLogger(AuditSealer.class.getName());
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMinutes(1);
    private static final Duration LOOK_ANYWAY = Duration.ofMinutes(1);
    private static final int BATCH = 2000;

    private final DSLContext dsl;
    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;
    private final AtomicBoolean pending = new AtomicBoolean(true);
    private volatile Instant lastLook = Instant.EPOCH;
    private volatile Instant lastCheckpoint = Instant.EPOCH;
    private volatile long checkpointedPos = -1;
    private volatile long checkpointedAnchor = -1;

    AuditSealer(DSLContext dsl, AuditChain chain, AuditCheckpoints checkpoints, Clock clock) {
        this.dsl = dsl;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    AuditChain chain() {
        return chain;
    }

    /** At start: a missing checkpoint file is begun at the chain's head (and said so). */
    void start() {
        if (!checkpoints.exists()) {
            AuditChain.Head head = dsl.connectionResult(c -> AuditChain.head(c, false));
            if (head != null && head.headPos() > head.anchorPos()) {
                LOG.log(Level.WARNING, "No audit checkpoint file at {0}: a new one starts at position {1} of the chain;"
                        + " cuts of the chain before that cannot be told", checkpoints.file(), head.headPos());
            }
            checkpoint(true);
        }
    }

    /** Events were appended (maybe not committed yet): the next round looks. */
    void appended() {
        pending.set(true);
    }

    /** One round: seals what was appended, writes a checkpoint when one is due; the number of events sealed. */
    int seal() {
        Instant now = Instant.now();
        if (!pending.getAndSet(false) && Duration.between(lastLook, now).compareTo(LOOK_ANYWAY) < 0) {
            return 0;
        }
        lastLook = now;
        int[] sealed = new int[1];
        AuditChain.Head head = sealAll(sealed);
        if (head != null && head.headPos() != checkpointedPos && Duration.between(lastCheckpoint, now).compareTo(CHECKPOINT_INTERVAL) >= 0) {
            write(head, false);
        }
        return sealed[0];
    }

    /** Seals everything now, whoever appended it (before a deletion run). */
    void sealNow() {
        pending.set(false);
        lastLook = Instant.now();
        sealAll(new int[1]);
    }

    /** Seals in batches until nothing is left; the chain's record after that. */
    private AuditChain.Head sealAll(int[] sealed) {
        AuditChain.Sealed round;
        do {
            try {
                round = dsl.transactionResult(tx -> tx.dsl().connectionResult(c -> chain.seal(c, BATCH)));
            } catch (DataAccessException e) {
                pending.set(true);
                throw new StoreException("Could not seal the audit trail (SQL state " + e.sqlState() + ")", e);
            }
            sealed[0] += round.events();
            if (round.rejected() > 0) {
                LOG.log(Level.ERROR, "{0} audit events were not written by the platform (inserted without the key): kept out of the"
                        + " chain; bin/openikfz audit-verify names them", round.rejected());
            }
        } while (round.events() + round.rejected() >= BATCH);
        return round.head();
    }

    /** Seals everything and writes a checkpoint now (before a verification, at shutdown). */
    void checkpoint() {
        checkpoint(false);
    }

    /**
     * Seals everything and writes a checkpoint now; {@code startMoved} after this store's own
     * deletion run (FZV § 18(3)), the only thing that may move the chain's start.
     */
    void checkpoint(boolean startMoved) {
        pending.set(false);
        lastLook = Instant.now();
        AuditChain.Head head = sealAll(new int[1]);
        if (head != null && (head.headPos() != checkpointedPos || head.anchorPos() != checkpointedAnchor)) {
            write(head, startMoved);
        }
    }

    private void write(AuditChain.Head head, boolean startMoved) {
        AuditCheckpoints.Written written = checkpoints.write(new AuditCheckpoints.Checkpoint(head.headPos(), head.headHash(),
                head.anchorPos(), head.anchorHash(), clock.instant()), startMoved);
        if (written == AuditCheckpoints.Written.BEHIND || written == AuditCheckpoints.Written.START_MOVED) {
            LOG.log(Level.ERROR, "The audit chain in the database ends before (or starts after) what the last checkpoint in {0} saw:"
                    + " events were deleted outside the retention. Run bin/openikfz audit-verify.", checkpoints.file());
        }
        checkpointedPos = head.headPos();
        if (written != AuditCheckpoints.Written.START_MOVED) {
            checkpointedAnchor = head.anchorPos();
        }
        lastCheckpoint = Instant.now();
    }

    /**
     * The isolation that reads one snapshot of the whole database: PostgreSQL's REPEATABLE READ is one;
     * H2's takes each table's snapshot at its first read (the chain's head and its events then came from
     * different moments), its SERIALIZABLE the whole database's at the start.
     */
    private static final java.util.Map<org.jooq.SQLDialect, Integer> SNAPSHOT = java.util.Map.of(
            org.jooq.SQLDialect.H2, Connection.TRANSACTION_SERIALIZABLE);

    AuditVerification verify() {
        checkpoint();
        try {
            // one snapshot of the trail: the platform keeps sealing while it is verified, and a
            // verification that read the chain's head before a seal and the events after it saw a chain that did
            // not end where its head said (a false alarm)
            return dsl.connectionResult(c -> {
                int isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setTransactionIsolation(SNAPSHOT.getOrDefault(dsl.dialect().family(), Connection.TRANSACTION_REPEATABLE_READ));
                try {
                    return chain.verify(c, checkpoints, clock.instant());
                } finally {
                    c.rollback(); // it read only
                    c.setTransactionIsolation(isolation);
                    c.setAutoCommit(true);
                }
            });
        } catch (DataAccessException e) {
            throw new StoreException("Could not verify the audit trail (SQL state " + e.sqlState() + ")", e);
        }
    }
}

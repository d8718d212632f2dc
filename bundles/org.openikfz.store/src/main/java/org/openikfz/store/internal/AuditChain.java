package org.openikfz.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openikfz.store.api.AuditVerification;

/**
 * The audit trail's hash chain: each event's keyed hash (HMAC-SHA256) over its predecessor's hash
 * and its own content. The key lies outside the database, so whoever can write to the database
 * alone cannot forge a consistent chain.
 *
 * <p>A request inserts its events with a keyed MAC over their content only ({@link #eventMac}); the
 * {@link #seal sealer} links them into the chain in batches, in one short transaction that alone
 * holds the chain's record. So requests never wait for each other's appends, and an event is in
 * the chain a second after it was written; an event inserted without the key is refused by the
 * sealer and reported. Plain JDBC, so that {@link AuditVerifyCommand} can verify a database
 * without the platform.
 */
final class AuditChain {

    /** The hash the very first event follows. */
    static final String GENESIS = "0".repeat(64);

    /** What the sealer writes into {@code prev_hash} of an event whose MAC is not authentic. */
    static final String REJECTED = "REJECTED";

    /** How many problems a verification reports at most. */
    private static final int MAX_PROBLEMS = 50;

    /** Events written longer ago than this and still not in the chain mean the sealer is not running. */
    static final Duration SEAL_LATE = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    /**
     * Initialised with the key once and only ever cloned (a clone costs a fraction of looking the algorithm up and
     * initialising it, which every event did: a Mac is not safe for use by two threads at once).
     */
    private final Mac initialised;

    AuditChain(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the audit key must have at least 128 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.initialised = newMac();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    /** The keyed hash of one event in the chain, hex. {@code occurredAt} as stored (microseconds). */
    String hash(String prevHash, long id, UUID applicationId, Instant occurredAt, String type, String detail) {
        return mac(prevHash + '\n' + content(id, applicationId, occurredAt, type, detail));
    }

    /** The keyed MAC an event carries from its insertion on, over its content (no id: it is not known yet). */
    String eventMac(UUID applicationId, Instant occurredAt, String type, String detail) {
        return mac("event\n" + content(-1, applicationId, occurredAt, type, detail));
    }

    private static String content(long id, UUID applicationId, Instant occurredAt, String type, String detail) {
        return (id < 0 ? "" : id + "\n") + (applicationId == null ? "" : applicationId) + '\n'
                + occurredAt.truncatedTo(ChronoUnit.MICROS) + '\n' + type + '\n' + (detail == null ? "" : detail);
    }

    /** HMAC-SHA256 of {@code text} with the audit key, hex. */
    String mac(String text) {
        Mac mac;
        try {
            mac = (Mac) initialised.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(); // a provider whose Mac cannot be cloned
        }
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The chain's record: where it starts (after the deletions) and where it ends. */
    record Head(long legacyUntil, long anchorPos, String anchorHash, long headPos, Long headId, String headHash) {
    }

    /** The chain's record, locked for this transaction when {@code lock}. */
    static Head head(Connection connection, boolean lock) throws SQLException {
        try (PreparedStatement chain = connection.prepareStatement(
                "SELECT legacy_until, anchor_pos, anchor_hash, head_pos, head_id, head_hash FROM audit_chain WHERE id = 1"
                        + (lock ? " FOR UPDATE" : ""));
                ResultSet r = chain.executeQuery()) {
            if (!r.next()) {
                return null;
            }
            return new Head(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4), r.getObject(5) == null ? null : r.getLong(5),
                    r.getString(6));
        }
    }

    /** The outcome of one sealing round. */
    record Sealed(int events, int rejected, Head head) {
    }

    /**
     * Links the events not yet in the chain into it, in id order, at most {@code limit}; call it in a
     * transaction of its own. An event whose MAC does not match its content was not written by the
     * store: it is marked rejected, stays out of the chain, and the verification reports it.
     */
    Sealed seal(Connection connection, int limit) throws SQLException {
        Head head = head(connection, true);
        if (head == null) {
            return new Sealed(0, 0, null);
        }
        List<Object[]> events = new ArrayList<>();
        try (PreparedStatement open = connection.prepareStatement(
                "SELECT id, application_id, occurred_at, event_type, detail, event_mac FROM audit_event"
                        + " WHERE chain_pos IS NULL AND prev_hash IS NULL AND id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
            open.setLong(1, head.legacyUntil());
            try (ResultSet r = open.executeQuery()) {
                while (r.next()) {
                    events.add(new Object[] {r.getLong(1), r.getObject(2, UUID.class), r.getObject(3, OffsetDateTime.class).toInstant(),
                            r.getString(4), r.getString(5), r.getString(6)});
                }
            }
        }
        if (events.isEmpty()) {
            return new Sealed(0, 0, head);
        }
        long pos = head.headPos();
        String prev = head.headHash();
        Long lastId = head.headId();
        int rejected = 0;
        try (PreparedStatement link = connection.prepareStatement(
                "UPDATE audit_event SET chain_pos = ?, prev_hash = ?, entry_hash = ? WHERE id = ?")) {
            for (Object[] e : events) {
                long id = (Long) e[0];
                UUID application = (UUID) e[1];
                Instant at = (Instant) e[2];
                String type = (String) e[3];
                String detail = (String) e[4];
                if (!eventMac(application, at, type, detail).equals(e[5])) {
                    link.setNull(1, java.sql.Types.BIGINT);
                    link.setString(2, REJECTED);
                    link.setNull(3, java.sql.Types.VARCHAR);
                    rejected++;
                } else {
                    pos++;
                    String entry = hash(prev, id, application, at, type, detail);
                    link.setLong(1, pos);
                    link.setString(2, prev);
                    link.setString(3, entry);
                    prev = entry;
                    lastId = id;
                }
                link.setLong(4, id);
                link.addBatch();
            }
            link.executeBatch();
        }
        Head sealed = new Head(head.legacyUntil(), head.anchorPos(), head.anchorHash(), pos, lastId, prev);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_chain SET head_pos = ?, head_id = ?, head_hash = ? WHERE id = 1")) {
            update.setLong(1, pos);
            if (lastId == null) {
                update.setNull(2, java.sql.Types.BIGINT);
            } else {
                update.setLong(2, lastId);
            }
            update.setString(3, prev);
            update.executeUpdate();
        }
        return new Sealed(events.size() - rejected, rejected, sealed);
    }

    /**
     * Verifies the whole trail in chain order, and the chain against the checkpoints kept apart from
     * the database; call it in one transaction for a consistent view.
     */
    AuditVerification verify(Connection connection, AuditCheckpoints checkpoints, Instant now) throws SQLException {
        // the checkpoints are read before the database: on a running platform a checkpoint written meanwhile
        // then only covers what the database already holds (the caller reads the database in one snapshot)
        AuditCheckpoints.Contents contents = null;
        IOException unreadable = null;
        if (checkpoints != null) {
            try {
                contents = checkpoints.read();
            } catch (IOException e) {
                unreadable = e;
            }
        }
        Head head = head(connection, false);
        if (head == null) {
            return new AuditVerification(false, 0, 0, List.of("the chain's record (audit_chain) is missing"));
        }
        List<String> problems = new ArrayList<>();
        // the checkpoints: which position must hold which hash, and where the chain must start
        Map<Long, String> expected = new HashMap<>();
        AuditCheckpoints.Checkpoint latest = null;
        if (checkpoints != null) {
            try {
                if (unreadable != null) {
                    throw unreadable;
                }
                contents.problems().forEach(p -> problem(problems, p));
                if (!contents.checkpoints().isEmpty()) {
                    latest = contents.checkpoints().get(contents.checkpoints().size() - 1);
                    for (AuditCheckpoints.Checkpoint c : contents.checkpoints()) {
                        if (c.pos() > latest.anchorPos()) {
                            expected.put(c.pos(), c.hash());
                        }
                    }
                } else if (head.headPos() > head.anchorPos()) {
                    problem(problems, "there are no checkpoints (" + checkpoints.file() + "): whether the chain was cut cannot be told");
                }
            } catch (IOException e) {
                problem(problems, "the checkpoint file cannot be read: " + e.getMessage());
            }
        }
        if (latest != null && (latest.anchorPos() != head.anchorPos() || !latest.anchorHash().equals(head.anchorHash()))) {
            problem(problems, "the chain's start was changed: the checkpoints say it starts after position " + latest.anchorPos()
                    + ", the database says after " + head.anchorPos() + " (events at the start were deleted outside the retention)");
        }
        if (latest != null && latest.pos() > head.headPos()) {
            problem(problems, "the newest events were deleted: the checkpoints saw the chain up to position " + latest.pos()
                    + ", the database's chain ends at " + head.headPos());
        }
        long verified = 0;
        long legacy = 0;
        String expectedPrev = head.anchorHash();
        long expectedPos = head.anchorPos() + 1;
        long lastPos = head.anchorPos();
        String lastHash = head.anchorHash();
        try (PreparedStatement events = connection.prepareStatement(
                "SELECT id, application_id, occurred_at, event_type, detail, prev_hash, entry_hash, chain_pos FROM audit_event"
                        + " WHERE chain_pos IS NOT NULL ORDER BY chain_pos")) {
            events.setFetchSize(1000);
            try (ResultSet r = events.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    long pos = r.getLong(8);
                    String entryHash = r.getString(7);
                    String prev = r.getString(6);
                    if (pos != expectedPos || !Objects.equals(prev, expectedPrev)) {
                        problem(problems, "event " + id + " does not follow its predecessor: an event before it was deleted or inserted"
                                + (verified == 0 ? " (or events at the start were deleted outside the retention)" : ""));
                    }
                    String computed = hash(prev == null ? "" : prev, id, r.getObject(2, UUID.class),
                            r.getObject(3, OffsetDateTime.class).toInstant(), r.getString(4), r.getString(5));
                    if (!computed.equals(entryHash)) {
                        problem(problems, "event " + id + " was altered (its hash does not match its content)");
                    }
                    String seen = expected.remove(pos);
                    if (seen != null && !seen.equals(entryHash)) {
                        problem(problems, "event " + id + " is not the one the checkpoints saw at position " + pos + " (replaced)");
                    }
                    expectedPrev = entryHash;
                    expectedPos = pos + 1;
                    lastPos = pos;
                    lastHash = entryHash;
                    verified++;
                }
            }
        }
        if (lastPos != head.headPos() || !Objects.equals(lastHash, head.headHash())) {
            problem(problems, lastPos < head.headPos()
                    ? "the newest events were deleted: the chain ends at position " + head.headPos() + ", the trail at " + lastPos
                    : "the trail does not end where the chain does (position " + head.headPos() + ")");
        }
        if (!expected.isEmpty()) {
            problem(problems, "events the checkpoints saw are missing (positions " + expected.keySet().stream().sorted().limit(5).toList()
                    + (expected.size() > 5 ? " …" : "") + ")");
        }
        // events not (yet) in the chain: authentic ones are sealed within a second; old ones mean the sealer stopped
        try (PreparedStatement open = connection.prepareStatement(
                "SELECT id, application_id, occurred_at, event_type, detail, event_mac, prev_hash FROM audit_event"
                        + " WHERE chain_pos IS NULL ORDER BY id")) {
            try (ResultSet r = open.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    if (id <= head.legacyUntil() && r.getString(6) == null) {
                        legacy++;
                        continue;
                    }
                    Instant at = r.getObject(3, OffsetDateTime.class).toInstant();
                    if (REJECTED.equals(r.getString(7))
                            || !eventMac(r.getObject(2, UUID.class), at, r.getString(4), r.getString(5)).equals(r.getString(6))) {
                        problem(problems, "event " + id + " was not written by the platform (inserted without the key)");
                    } else if (at.isBefore(now.minus(SEAL_LATE))) {
                        problem(problems, "event " + id + " is older than " + SEAL_LATE.toMinutes()
                                + " minutes and not yet in the chain: the platform was not running or its sealing stopped (it seals them when it runs)");
                    }
                }
            }
        }
        return new AuditVerification(problems.isEmpty(), verified, legacy, problems);
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}

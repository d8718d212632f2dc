package org.openikfz.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openikfz.store.api.AuditVerification;

/**
 * The audit trail's hash chain: each event's keyed hash (HMAC-SHA256) over its predecessor's hash
 * and its own content. The key lies outside the database, so whoever can write to the database
 * alone cannot forge a consistent chain. Plain JDBC, so that {@link AuditVerifyCommand} can verify
 * a database without the platform.
 */
final class AuditChain {

    /** The hash the very first event follows. */
    static final String GENESIS = "0".repeat(64);

    /** How many problems a verification reports at most. */
    private static final int MAX_PROBLEMS = 50;

    private final SecretKeySpec key;

    AuditChain(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the audit key must have at least 128 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The keyed hash of one event, hex. {@code occurredAt} as stored (microseconds). */
    String hash(String prevHash, long id, UUID applicationId, Instant occurredAt, String type, String detail) {
        String content = prevHash + '\n' + id + '\n' + (applicationId == null ? "" : applicationId) + '\n'
                + occurredAt.truncatedTo(ChronoUnit.MICROS) + '\n' + type + '\n' + (detail == null ? "" : detail);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    /** Verifies the whole trail in id order; call it in one transaction for a consistent view. */
    AuditVerification verify(Connection connection) throws SQLException {
        String anchor;
        long legacyUntil;
        Long headId;
        String headHash;
        try (PreparedStatement chain = connection.prepareStatement(
                "SELECT legacy_until, anchor_hash, head_id, head_hash FROM audit_chain WHERE id = 1");
                ResultSet r = chain.executeQuery()) {
            if (!r.next()) {
                return new AuditVerification(false, 0, 0, List.of("the chain's record (audit_chain) is missing"));
            }
            legacyUntil = r.getLong(1);
            anchor = r.getString(2);
            headId = r.getObject(3) == null ? null : r.getLong(3);
            headHash = r.getString(4);
        }
        List<String> problems = new ArrayList<>();
        long verified = 0;
        long legacy = 0;
        String expectedPrev = anchor;
        long lastId = -1;
        try (PreparedStatement events = connection.prepareStatement(
                "SELECT id, application_id, occurred_at, event_type, detail, prev_hash, entry_hash FROM audit_event ORDER BY id")) {
            events.setFetchSize(1000);
            try (ResultSet r = events.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    lastId = id;
                    String entryHash = r.getString(7);
                    if (id <= legacyUntil && entryHash == null) {
                        legacy++;
                        continue;
                    }
                    String prev = r.getString(6);
                    if (!Objects.equals(prev, expectedPrev)) {
                        problem(problems, "event " + id + " does not follow its predecessor: an event before it was deleted or inserted"
                                + (verified == 0 ? " (or events at the start were deleted outside the retention)" : ""));
                    }
                    String computed = hash(prev == null ? "" : prev, id, r.getObject(2, UUID.class),
                            r.getObject(3, OffsetDateTime.class).toInstant(), r.getString(4), r.getString(5));
                    if (!computed.equals(entryHash)) {
                        problem(problems, "event " + id + " was altered (its hash does not match its content)");
                    }
                    expectedPrev = entryHash;
                    verified++;
                }
            }
        }
        if (headId == null ? verified > 0 : (lastId != headId || !Objects.equals(expectedPrev, headHash))) {
            problem(problems, headId != null && lastId < headId
                    ? "the newest events were deleted: the chain ends at event " + headId + ", the trail at " + lastId
                    : "the trail does not end where the chain does (event " + headId + ")");
        }
        return new AuditVerification(problems.isEmpty(), verified, legacy, problems);
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}

package org.openikfz.it.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The database work of one automated Außerbetriebsetzung, without the engine: the statements the
 * store sends for it (counted through its JDBC proxy: one insert, four compare-and-set updates (two of
 * them appending to the dialog data) and five audit events on the application, one read and one
 * rewrite of its dialog data, the trace, the vehicle's claim (one read, one insert of its FIN and plate), the decision record, a sixteenth of a draw of sixteen numbers from the sequence, four reads of
 * the case file and one of the case; where other nodes share the database, the verification's lease is a fifth
 * update, in a sixth transaction, instead of the read of the case) in the same five transactions, by
 * plain JDBC on the store's own tables. What this costs is the floor for a decision on that database:
 * what a decision costs beyond it is the engine's. The SQL is the store's hot SQL, written out here
 * (it is not exported); if the store's statements change, this replay must follow. Its audit events
 * carry no valid MAC (the key is the platform's): the sealer refuses them, as it must, in the
 * benchmark's throwaway database.
 */
final class DecisionReplay implements AutoCloseable {

    /** Statements per replayed decision, the sequence's draws aside (the JDBC proxy's count for a decision through the engine: 22.1). */
    static final int STATEMENTS = 22;

    private static final String CASE_COLUMNS = "a.id, a.procedure_id, a.authority_id, a.state, a.corrections_left, a.created_at,"
            + " a.updated_at, a.version, a.procedure_version, a.token_hash, a.eid_state, a.identified, a.lease_until, a.verified_hash,"
            + " a.fee_total, a.payment_id, a.paid_at, a.decision_reference, a.decided_automated, a.decision_approved, a.decided_at,"
            + " a.offered_until, a.retrieved_at, a.mailed_on, a.effective_on, a.driving_allowed_until, a.due_at, a.reference,"
            + " a.status_hash";

    private final Connection c;
    /** Whether the verification writes its lease (a database other nodes share) or holds the case in memory. */
    private final boolean leaseWritten;
    /** Ids as the engine makes them: time-ordered (UUID version 7). */
    private final com.fasterxml.uuid.NoArgGenerator ids = com.fasterxml.uuid.Generators.timeBasedEpochRandomGenerator();
    private final PreparedStatement sequence;
    private final PreparedStatement insertCase;
    private final PreparedStatement findCaseFile;
    private final PreparedStatement findCase;
    private final PreparedStatement updateCase;
    private final PreparedStatement updateAppending;
    private final PreparedStatement readData;
    private final java.util.ArrayDeque<Long> numbers = new java.util.ArrayDeque<>();
    private final PreparedStatement writeData;
    private final PreparedStatement insertAudit;
    private final PreparedStatement deleteTrace;
    private final PreparedStatement insertTrace;
    private final PreparedStatement insertDecision;
    private final PreparedStatement findClaims;
    private final PreparedStatement insertClaim;

    DecisionReplay(Connection c, String sequenceSql, boolean leaseWritten) throws SQLException {
        this.c = c;
        this.leaseWritten = leaseWritten;
        sequence = c.prepareStatement(sequenceSql);
        insertCase = c.prepareStatement("INSERT INTO application (id, procedure_id, authority_id, state, corrections_left, created_at,"
                + " updated_at, version, procedure_version, token_hash, eid_state, identified, lease_until, verified_hash, fee_total,"
                + " payment_id, paid_at, decision_reference, decided_automated, decision_approved, decided_at, offered_until,"
                + " retrieved_at, mailed_on, effective_on, driving_allowed_until, due_at, reference, status_hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        findCaseFile = c.prepareStatement("SELECT " + CASE_COLUMNS + ", a.dialog_data FROM application a WHERE a.id = ?");
        findCase = c.prepareStatement("SELECT " + CASE_COLUMNS + " FROM application a WHERE a.id = ?");
        updateCase = c.prepareStatement("UPDATE application SET state = ?, version = ?, corrections_left = ?, updated_at = ?,"
                + " procedure_version = ?, token_hash = ?, eid_state = ?, identified = ?, lease_until = ?, verified_hash = ?,"
                + " fee_total = ?, payment_id = ?, paid_at = ?, decision_reference = ?, reference = COALESCE(reference, ?),"
                + " decided_automated = ?, decision_approved = ?, decided_at = ?, offered_until = ?, retrieved_at = ?, mailed_on = ?,"
                + " effective_on = ?, driving_allowed_until = ?, due_at = ? WHERE id = ? AND version = ?");
        updateAppending = c.prepareStatement("UPDATE application SET state = ?, version = ?, corrections_left = ?, updated_at = ?,"
                + " procedure_version = ?, token_hash = ?, eid_state = ?, identified = ?, lease_until = ?, verified_hash = ?,"
                + " fee_total = ?, payment_id = ?, paid_at = ?, decision_reference = ?, reference = COALESCE(reference, ?),"
                + " decided_automated = ?, decision_approved = ?, decided_at = ?, offered_until = ?, retrieved_at = ?, mailed_on = ?,"
                + " effective_on = ?, driving_allowed_until = ?, due_at = ?, dialog_data = COALESCE(dialog_data, '') || ?"
                + " WHERE id = ? AND version = ? AND (dialog_data IS NULL OR CHAR_LENGTH(dialog_data) < ?)");
        // the transaction has changed the row already (the compare-and-set): it holds its lock
        readData = c.prepareStatement("SELECT dialog_data FROM application WHERE id = ?");
        writeData = c.prepareStatement("UPDATE application SET dialog_data = ? WHERE id = ?");
        insertAudit = c.prepareStatement("INSERT INTO audit_event (application_id, occurred_at, event_type, detail, event_mac)"
                + " VALUES (?, ?, ?, ?, ?)");
        deleteTrace = c.prepareStatement("DELETE FROM decision_trace WHERE application_id = ?");
        insertTrace = c.prepareStatement("INSERT INTO decision_trace (application_id, seq, step, outcome, inputs, established, rule,"
                + " version, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        findClaims = c.prepareStatement("SELECT v.vehicle, v.application_id, a.state FROM vehicle_claim v LEFT JOIN application a"
                + " ON a.id = v.application_id WHERE v.vehicle IN (?, ?)");
        insertClaim = c.prepareStatement("INSERT INTO vehicle_claim (vehicle, application_id, claimed_at) VALUES (?, ?, ?)");
        insertDecision = c.prepareStatement("INSERT INTO decision_record (application_id, procedure_id, authority_id, reference,"
                + " procedure_version, decided_at, effective_on, review_state, drawn_by, drawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** One decision's statements in its five transactions (six with the lease written); returns their time. */
    long decision(int n) throws SQLException {
        long t0 = System.nanoTime();
        UUID id = ids.generate();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String reference;
        // open: the reference, the application, its first event
        if (numbers.isEmpty()) {
            try (ResultSet r = sequence.executeQuery()) {
                while (r.next()) {
                    numbers.add(r.getLong(1));
                }
            }
        }
        reference = "ERZ-2026-R" + numbers.poll();
        insertCase.setObject(1, id);
        insertCase.setString(2, "ausserbetriebsetzung");
        insertCase.setString(3, "ERZ");
        insertCase.setString(4, "DIALOG");
        insertCase.setInt(5, 3);
        insertCase.setObject(6, now);
        insertCase.setObject(7, now);
        insertCase.setLong(8, 0);
        insertCase.setString(9, "org.openikfz.procedure.ausserbetriebsetzung 1.0.0");
        insertCase.setString(10, hex(id, 1));
        for (int i = 11; i <= 29; i++) {
            insertCase.setObject(i, null);
        }
        insertCase.setBoolean(12, false);
        insertCase.setObject(27, now.plusHours(72));
        insertCase.setString(28, reference);
        insertCase.setString(29, hex(id, 2));
        insertCase.executeUpdate();
        audit(id, now, "OPENED", "procedure ausserbetriebsetzung");
        c.commit();
        // answer
        read(id);
        update(id, 0, "DIALOG", now, null, null, null, "kennzeichen=ERZ-B " + n + "\nfin=WVWZZZ1JZXW" + String.format("%06d", n)
                + "\nzb1=Ab3De4F\nplakette_vorne=K7m\nplakette_hinten=P2x\nsicherheitscode_zb1=Ab3De4F\nsicherheitscode_plaketten=K7m,P2x\n");
        audit(id, now, "ANSWERED", "fields kennzeichen, fin, zb1, plaketten");
        c.commit();
        // verify: the lease (written on a database other nodes share, a commit of its own; else the case read again under
        // the hold in memory), then the outcome (facts in, codes out, trace, event)
        read(id);
        long version = 1;
        if (leaseWritten) {
            update(id, version++, "VERIFYING", now, now.plusMinutes(2), null, null);
            c.commit();
        } else {
            findCase.setObject(1, id);
            try (ResultSet r = findCase.executeQuery()) {
                r.next();
            }
        }
        // the vehicle claimed for this application (its FIN and plate, hashed)
        String[] vehicle = {hex(id, 5), hex(id, 6)};
        findClaims.setString(1, vehicle[0]);
        findClaims.setString(2, vehicle[1]);
        try (ResultSet r = findClaims.executeQuery()) {
            while (r.next()) {
                throw new IllegalStateException("the replayed vehicle is claimed already");
            }
        }
        for (String v : vehicle) {
            insertClaim.setString(1, v);
            insertClaim.setObject(2, id);
            insertClaim.setObject(3, now);
            insertClaim.addBatch();
        }
        insertClaim.executeBatch();
        update(id, version++, "AWAITING_PAYMENT", now, null, hex(id, 3), null);
        // the results set and the codes removed: one read, one write
        readData.setObject(1, id);
        String data;
        try (ResultSet r = readData.executeQuery()) {
            r.next();
            data = r.getString(1);
        }
        writeData.setString(1, data.replaceAll("(?m)^sicherheitscode_[^\\n]*\\n", "")
                + "fact.zfzr.status=zugelassen\nfact.zfzr.halter=natuerlich\nfact.kba.plaketten=2\n");
        writeData.setObject(2, id);
        writeData.executeUpdate();
        deleteTrace.setObject(1, id);
        deleteTrace.executeUpdate();
        String[] steps = {"answers", "check zfzr", "check plaketten", "procedure ausserbetriebsetzung"};
        for (int seq = 0; seq < steps.length; seq++) {
            insertTrace.setObject(1, id);
            insertTrace.setInt(2, seq);
            insertTrace.setString(3, steps[seq]);
            insertTrace.setString(4, seq == 0 ? "INPUT" : "CLEAR");
            insertTrace.setString(5, "kennzeichen=ERZ-B " + n + ", fin=WVWZZZ1JZXW" + String.format("%06d", n));
            insertTrace.setString(6, seq == 0 ? "" : "zfzr.status=zugelassen");
            insertTrace.setString(7, seq == 0 ? "" : "FZV § 19(1)");
            insertTrace.setString(8, "1.0.0");
            insertTrace.setObject(9, now);
            insertTrace.addBatch();
        }
        insertTrace.executeBatch();
        audit(id, now, "VERIFIED", "all checks clear; fee 12.40 EUR");
        c.commit();
        // start the payment
        read(id);
        update(id, version++, "AWAITING_PAYMENT", now, null, hex(id, 3), "pay-" + id);
        audit(id, now, "PAYMENT_STARTED", "payment pay-" + id);
        c.commit();
        // submit: decided
        read(id);
        update(id, version, "DECIDED", now, null, hex(id, 3), "pay-" + id, "decision.letter=Bescheid über die Außerbetriebsetzung\n");
        insertDecision.setObject(1, id);
        insertDecision.setString(2, "ausserbetriebsetzung");
        insertDecision.setString(3, "ERZ");
        insertDecision.setString(4, reference);
        insertDecision.setString(5, "org.openikfz.procedure.ausserbetriebsetzung 1.0.0");
        insertDecision.setObject(6, now);
        insertDecision.setObject(7, now.toLocalDate());
        insertDecision.setString(8, "NONE");
        insertDecision.setString(9, null);
        insertDecision.setObject(10, null);
        insertDecision.executeUpdate();
        audit(id, now, "DECIDED", "automated decision " + reference);
        c.commit();
        return System.nanoTime() - t0;
    }

    private void read(UUID id) throws SQLException {
        findCaseFile.setObject(1, id);
        try (ResultSet r = findCaseFile.executeQuery()) {
            r.next();
            r.getString(30);
        }
    }

    private void update(UUID id, long version, String state, OffsetDateTime now, OffsetDateTime lease, String verified, String payment)
            throws SQLException {
        update(id, version, state, now, lease, verified, payment, null);
    }

    /** The compare-and-set; with {@code items} (not null) appended to the dialog data in the same statement. */
    private void update(UUID id, long version, String state, OffsetDateTime now, OffsetDateTime lease, String verified, String payment,
            String items) throws SQLException {
        PreparedStatement updateCase = items == null ? this.updateCase : updateAppending;
        updateCase.setString(1, state);
        updateCase.setLong(2, version + 1);
        updateCase.setInt(3, 3);
        updateCase.setObject(4, now);
        updateCase.setString(5, "org.openikfz.procedure.ausserbetriebsetzung 1.0.0");
        updateCase.setString(6, hex(id, 1));
        for (int i = 7; i <= 24; i++) {
            updateCase.setObject(i, null);
        }
        updateCase.setBoolean(8, false);
        updateCase.setObject(9, lease);
        updateCase.setString(10, verified);
        updateCase.setString(12, payment);
        updateCase.setObject(24, lease != null ? lease : now.plusHours(72));
        int at = 25;
        if (items != null) {
            updateCase.setString(at++, items);
        }
        updateCase.setObject(at++, id);
        updateCase.setLong(at++, version);
        if (items != null) {
            updateCase.setInt(at, 16_384);
        }
        if (updateCase.executeUpdate() != 1) {
            throw new IllegalStateException("the replayed case " + id + " was not at version " + version);
        }
    }

    private void audit(UUID id, OffsetDateTime now, String type, String detail) throws SQLException {
        insertAudit.setObject(1, id);
        insertAudit.setObject(2, now);
        insertAudit.setString(3, type);
        insertAudit.setString(4, detail);
        insertAudit.setString(5, hex(id, 4));
        insertAudit.executeUpdate();
    }

    /** 64 hex digits standing for a hash or MAC of the application. */
    private static String hex(UUID id, int salt) {
        String h = Long.toHexString(id.getMostSignificantBits() ^ salt) + Long.toHexString(id.getLeastSignificantBits() + salt);
        return (h + h + h + h).substring(0, 64);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : new PreparedStatement[] {sequence, insertCase, findCaseFile, findCase, updateCase, updateAppending, readData, writeData,
                insertAudit, deleteTrace, insertTrace, insertDecision, findClaims, insertClaim}) {
            s.close();
        }
    }
}

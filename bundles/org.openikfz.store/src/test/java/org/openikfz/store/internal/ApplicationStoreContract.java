package org.openikfz.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openikfz.store.api.Application;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.AuditEvent;
import org.openikfz.store.api.AuditVerification;
import org.openikfz.store.api.OutboxMessage;
import org.openikfz.store.api.StoreActivity;
import org.openikfz.store.api.StoreException;
import org.openikfz.store.api.StoreInfo;

/**
 * What every database the store supports must do. The subclasses give the database; the tests
 * do not assume an empty one (the PostgreSQL database may have seen earlier runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApplicationStoreContract {

    /** The same key on every run: the PostgreSQL database may hold events of earlier runs. */
    private static final byte[] AUDIT_KEY = "a test key of the audit chain, 256 bit".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private StoreComponent component;
    private ApplicationStore store;
    /** The checkpoints of this run: kept apart from the database, shared by every store component of the run. */
    private java.nio.file.Path checkpoints;

    /** The store under test. */
    protected ApplicationStore store() {
        return store;
    }

    /** The database under test. */
    protected abstract StoreSettings settings();

    protected abstract String expectedDialect();

    @BeforeAll
    void open() throws Exception {
        checkpoints = java.nio.file.Files.createTempDirectory("openikfz-checkpoints").resolve("checkpoints.log");
        component = new StoreComponent(settings(), AUDIT_KEY, checkpoints, Clock.systemUTC());
        store = component;
    }

    @AfterAll
    void close() {
        if (component != null) {
            component.close();
        }
    }

    private Application newApplication() {
        return store.create("zulassung.neu", "09162000", "DIALOG", 3);
    }

    @Test
    void info_tells_dialect_database_and_schema_version() {
        StoreInfo info = store.info();
        assertEquals(expectedDialect(), info.dialect());
        assertEquals(expectedDialect(), store.dialect());
        assertEquals("13", info.schemaVersion());
        assertTrue(info.healthy());
        assertFalse(info.databaseProduct().isBlank());
    }

    @Test
    void migrating_again_changes_nothing() {
        Application a = newApplication();
        StoreComponent second = new StoreComponent(settings(), AUDIT_KEY, checkpoints, Clock.systemUTC());
        try {
            assertEquals("13", second.info().schemaVersion());
            assertEquals(Optional.of(a), second.find(a.id()));
        } finally {
            second.close();
        }
    }

    @Test
    void create_and_find() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Application a = newApplication();
        assertNotNull(a.id());
        assertEquals("zulassung.neu", a.procedureId());
        assertEquals("09162000", a.authorityId());
        assertEquals("DIALOG", a.state());
        assertEquals(3, a.correctionsLeft());
        assertFalse(a.createdAt().isBefore(before));
        assertEquals(a.createdAt(), a.updatedAt());
        // what was returned is exactly what is stored (times to the microsecond)
        assertEquals(Optional.of(a), store.find(a.id()));
        assertEquals(Optional.empty(), store.find(UUID.randomUUID()));
    }

    @Test
    void transition_is_compare_and_set() {
        Application a = newApplication();
        Optional<Application> moved = store.transition(a.id(), "DIALOG", "OPPOSED", 2);
        assertTrue(moved.isPresent());
        assertEquals("OPPOSED", moved.get().state());
        assertEquals(2, moved.get().correctionsLeft());
        assertFalse(moved.get().updatedAt().isBefore(a.updatedAt()));
        assertEquals(a.createdAt(), moved.get().createdAt());
        // a second engine thread that still believes DIALOG loses
        assertEquals(Optional.empty(), store.transition(a.id(), "DIALOG", "CHECKING", 2));
        assertEquals(Optional.empty(), store.transition(UUID.randomUUID(), "DIALOG", "CHECKING", 2));
        assertEquals("OPPOSED", store.find(a.id()).orElseThrow().state());
    }

    @Test
    void corrections_left_cannot_go_below_zero() {
        Application a = newApplication();
        assertThrows(StoreException.class, () -> store.transition(a.id(), "DIALOG", "OPPOSED", -1));
        assertEquals(3, store.find(a.id()).orElseThrow().correctionsLeft());
    }

    @Test
    void find_by_state_and_age() {
        String state = "ABORTED-" + UUID.randomUUID().toString().substring(0, 8);
        Application a = newApplication();
        Application b = newApplication();
        store.transition(a.id(), "DIALOG", state, 0);
        store.transition(b.id(), "DIALOG", state, 0);
        Instant later = Instant.now().plus(Duration.ofMinutes(30));
        List<Application> found = store.findByState(state, later, 10);
        assertEquals(List.of(a.id(), b.id()), found.stream().map(Application::id).toList());
        assertEquals(1, store.findByState(state, later, 1).size());
        assertTrue(store.findByState(state, Instant.now().minus(Duration.ofMinutes(30)), 10).isEmpty());
    }

    @Test
    void dialog_data_put_get_replace() {
        Application a = newApplication();
        store.putData(a.id(), "halter.name", "Erika Mustermann");
        Map<String, String> more = new LinkedHashMap<>();
        more.put("fahrzeug.fin", "WVWZZZ1JZXW000001");
        more.put("halter.name", "Erika Musterfrau"); // replaces
        more.put("leer", null);
        store.putData(a.id(), more);
        assertEquals(Optional.of("Erika Musterfrau"), store.getData(a.id(), "halter.name"));
        assertEquals(Optional.empty(), store.getData(a.id(), "leer"));
        assertEquals(Optional.empty(), store.getData(a.id(), "gibt.es.nicht"));
        Map<String, String> all = store.getData(a.id());
        assertEquals(List.of("fahrzeug.fin", "halter.name", "leer"), List.copyOf(all.keySet()));
        assertNull(all.get("leer"));
        assertEquals("WVWZZZ1JZXW000001", all.get("fahrzeug.fin"));
    }

    @Test
    void dialog_data_of_an_unknown_application_are_refused() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.putData(UUID.randomUUID(), "halter.name", "Erika Mustermann"));
        // the message says what failed, never the values
        assertFalse(e.getMessage().contains("Erika"), e.getMessage());
    }

    @Test
    void counts_applications_by_procedure_and_state_and_the_outbox_by_destination() {
        // a procedure and destinations of this run only: the PostgreSQL database may hold earlier runs' rows
        String procedure = "zaehlung." + UUID.randomUUID();
        String destination = "ziel." + UUID.randomUUID();
        Application a = store.create(procedure, "09162000", "DIALOG", 3);
        store.create(procedure, "09162000", "DIALOG", 3);
        Application c = store.create(procedure, "09162000", "DIALOG", 3);
        store.transition(c.id(), "DIALOG", "ABORTED", 3);
        OutboxMessage first = store.enqueue(a.id(), destination, "<antrag/>");
        store.enqueue(a.id(), destination, "<antrag/>");
        store.markDelivered(first.id());

        Map<String, Long> byState = new java.util.TreeMap<>();
        store.countCases().stream().filter(k -> k.procedureId().equals(procedure)).forEach(k -> byState.put(k.state(), k.count()));
        assertEquals(Map.of("ABORTED", 1L, "DIALOG", 2L), byState);
        assertEquals(1L, store.undeliveredByDestination().get(destination), "only the undelivered one counts");
    }

    @Test
    void deleting_dialog_data_keeps_application_audit_and_outbox() {
        Application a = newApplication();
        Application other = newApplication();
        store.putData(a.id(), Map.of("k1", "v1", "k2", "v2"));
        store.putData(other.id(), "k1", "bleibt");
        store.appendAudit(a.id(), "SUBMITTED", null);
        OutboxMessage m = store.enqueue(a.id(), "fachverfahren", "<antrag/>");

        assertEquals(2, store.deleteData(a.id()));
        assertEquals(Map.of(), store.getData(a.id()));
        assertEquals(0, store.deleteData(a.id()));
        assertTrue(store.find(a.id()).isPresent());
        assertEquals(1, store.auditTrail(a.id()).size());
        assertTrue(store.undelivered(Integer.MAX_VALUE).stream().anyMatch(u -> u.id() == m.id()));
        assertEquals(Optional.of("bleibt"), store.getData(other.id(), "k1"));
    }

    @Test
    void audit_trail_in_order_and_system_events() {
        Application a = newApplication();
        AuditEvent first = store.appendAudit(a.id(), "CREATED", "procedure zulassung.neu");
        AuditEvent second = store.appendAudit(a.id(), "CHECKED", null);
        AuditEvent system = store.appendAudit(null, "STORE_TEST", "no application");
        assertTrue(first.id() < second.id());
        assertNull(system.applicationId());
        List<AuditEvent> trail = store.auditTrail(a.id());
        assertEquals(List.of(first, second), trail);
        assertEquals("procedure zulassung.neu", trail.get(0).detail());
        assertNull(trail.get(1).detail());
        AuditEvent newest = store.systemEvents("STORE_", 5).get(0);
        assertEquals(system.id(), newest.id(), "system events, newest first");
        assertTrue(store.systemEvents("NO_SUCH_", 5).isEmpty());
    }

    @Test
    void audit_purge_deletes_the_oldest_events_records_itself_and_keeps_the_chain_intact() {
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        StoreComponent oldClock = new StoreComponent(settings(), AUDIT_KEY, checkpoints, Clock.fixed(past, ZoneOffset.UTC));
        try {
            Application a = newApplication();
            // everything so far is older than the cutoff (events of other tests too)
            oldClock.appendAudit(a.id(), "OLD", null);
            int purged = store.purgeAudit(Instant.now().plus(Duration.ofDays(1)));
            assertTrue(purged >= 1, "purged " + purged);
            assertEquals(List.of(), store.auditTrail(a.id()));
            store.appendAudit(a.id(), "NEW", null);
            assertEquals(List.of("NEW"), store.auditTrail(a.id()).stream().map(AuditEvent::type).toList());
            // § 18(3): the deletion run is recorded, and the chain starts anew where it was cut
            assertTrue(allEvents().stream().anyMatch(e -> e[1].equals("AUDIT_PURGED")));
            AuditVerification afterPurge = store.verifyAudit();
            assertTrue(afterPurge.intact(), afterPurge.toString());

            // an event older than the cutoff after one to keep stays until the ones before it go
            oldClock.appendAudit(a.id(), "OLD_AFTER_NEW", null);
            assertEquals(0, store.purgeAudit(past.plus(Duration.ofDays(1))));
            assertEquals(List.of("NEW", "OLD_AFTER_NEW"), store.auditTrail(a.id()).stream().map(AuditEvent::type).toList());
        } finally {
            oldClock.close();
        }
    }

    @Test
    void audit_verification_finds_altered_inserted_and_deleted_events() throws Exception {
        Application a = newApplication();
        AuditEvent first = store.appendAudit(a.id(), "CREATED", "procedure zulassung.neu");
        AuditEvent middle = store.appendAudit(a.id(), "DECIDED", "reference=ERZ-1");
        AuditEvent last = store.appendAudit(a.id(), "COMPLETED", null);
        AuditVerification intact = store.verifyAudit();
        assertTrue(intact.intact(), intact.toString());
        assertTrue(intact.verified() >= 3);
        assertTrue(first.id() < middle.id());

        sql("UPDATE audit_event SET detail = 'reference=ERZ-2' WHERE id = " + middle.id());
        AuditVerification altered = store.verifyAudit();
        assertFalse(altered.intact());
        assertEquals(List.of("event " + middle.id() + " was altered (its hash does not match its content)"), altered.problems());
        sql("UPDATE audit_event SET detail = 'reference=ERZ-1' WHERE id = " + middle.id());
        assertTrue(store.verifyAudit().intact());

        Object[] row = row(middle.id());
        sql("DELETE FROM audit_event WHERE id = " + middle.id());
        AuditVerification deleted = store.verifyAudit();
        assertFalse(deleted.intact());
        assertTrue(deleted.problems().get(0).startsWith("event " + last.id() + " does not follow its predecessor"), deleted.toString());
        restore(middle.id(), row);
        assertTrue(store.verifyAudit().intact(), store.verifyAudit().toString());

        // an event inserted without the key: the sealer keeps it out of the chain, the verification names it
        long forgedId = last.id() + 1000;
        Object[] forgedRow = row(last.id());
        forgedRow[5] = null;
        forgedRow[6] = null;
        forgedRow[7] = null;
        forgedRow[8] = "0".repeat(64);
        restore(forgedId, forgedRow);
        store.sealAudit();
        AuditVerification forged = store.verifyAudit();
        assertFalse(forged.intact());
        assertEquals(List.of("event " + forgedId + " was not written by the platform (inserted without the key)"), forged.problems());
        sql("DELETE FROM audit_event WHERE id = " + forgedId);
        assertTrue(store.verifyAudit().intact(), store.verifyAudit().toString());
    }

    @Test
    void cutting_the_chain_and_rewriting_its_record_is_found_by_the_checkpoints() throws Exception {
        Application a = newApplication();
        store.appendAudit(a.id(), "ONE", null);
        AuditEvent second = store.appendAudit(a.id(), "TWO", null);
        AuditEvent newest = store.appendAudit(a.id(), "THREE", null);
        assertTrue(store.verifyAudit().intact(), store.verifyAudit().toString()); // seals and writes a checkpoint

        // the newest event deleted and the chain's record rewritten to end at its predecessor: consistent inside the database
        Object[] newestRow = row(newest.id());
        Object[] secondRow = row(second.id());
        String headBefore = chainRecord();
        sql("DELETE FROM audit_event WHERE id = " + newest.id());
        sql("UPDATE audit_chain SET head_pos = " + secondRow[7] + ", head_id = " + second.id() + ", head_hash = '" + secondRow[6] + "'");
        AuditVerification truncated = store.verifyAudit();
        assertFalse(truncated.intact());
        assertTrue(truncated.problems().stream().anyMatch(p -> p.contains("newest events were deleted") || p.contains("checkpoints saw are missing")),
                truncated.toString());
        restore(newest.id(), newestRow);
        sql("UPDATE audit_chain SET " + headBefore);
        assertTrue(store.verifyAudit().intact(), store.verifyAudit().toString());

        // the chain's start cut (outside a deletion run) and its anchor rewritten to match
        long firstPos = scalar("SELECT MIN(chain_pos) FROM audit_event");
        Object[] firstRow = rowAt(firstPos);
        Object[] nextRow = rowAt(firstPos + 1);
        sql("DELETE FROM audit_event WHERE chain_pos = " + firstPos);
        sql("UPDATE audit_chain SET anchor_pos = " + firstPos + ", anchor_hash = '" + nextRow[5] + "'");
        AuditVerification cut = store.verifyAudit();
        assertFalse(cut.intact());
        assertTrue(cut.problems().stream().anyMatch(p -> p.contains("the chain's start was changed")), cut.toString());
        restore((Long) firstRow[0], firstRow);
        sql("UPDATE audit_chain SET anchor_pos = " + (firstPos - 1) + ", anchor_hash = '" + firstRow[5] + "'");
        assertTrue(store.verifyAudit().intact(), store.verifyAudit().toString());
    }

    @Test
    void parallel_appends_do_not_wait_for_each_other_and_all_end_up_in_the_chain() throws Exception {
        Application a = newApplication();
        List<Integer> done = race(16, () -> {
            for (int i = 0; i < 25; i++) {
                store.inTransaction(tx -> {
                    tx.appendAudit(List.of(new org.openikfz.store.api.AuditEntry(a.id(), "PARALLEL", null),
                            new org.openikfz.store.api.AuditEntry(a.id(), "PARALLEL", "second")));
                    return null;
                });
            }
            return 1;
        });
        assertEquals(16, done.size());
        assertEquals(800, store.auditTrail(a.id()).size());
        store.sealAudit();
        assertEquals(0, scalar("SELECT COUNT(*) FROM audit_event WHERE application_id = '" + a.id() + "' AND chain_pos IS NULL"));
        assertTrue(store.verifyAudit().intact(), store.verifyAudit().toString());
    }

    // one application at a time per vehicle: the register is changed once, by one decision
    @Test
    void a_vehicle_is_claimed_by_one_live_application_at_a_time() {
        String fin = "WVW" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase(java.util.Locale.ROOT);
        java.util.Set<String> ended = java.util.Set.of("ABORTED", "ABORTED_DELETED", "COMPLETED");
        Application first = newApplication();
        Application second = newApplication();
        assertEquals(Optional.empty(), store.claimVehicles(first.id(), List.of(fin, "ERZAB1"), ended));
        assertEquals(Optional.empty(), store.claimVehicles(first.id(), List.of(fin), ended), "its own claim again");
        assertEquals(Optional.of(first.id()), store.claimVehicles(second.id(), List.of("ERZXY9", fin), ended));
        assertEquals(Optional.empty(), store.claimVehicles(second.id(), List.of("ERZXY9"), ended), "another vehicle");
        // refused in a transaction: nothing of it stays
        assertEquals(Optional.of(first.id()), store.claimVehicles(second.id(), List.of("ERZAB1"), ended));
        // the first ended: taken over
        store.transition(first.id(), "DIALOG", "ABORTED", 3);
        assertEquals(Optional.empty(), store.claimVehicles(second.id(), List.of(fin, "ERZAB1"), ended));
        // the claims go with the dialog data; only their hashes are stored
        Application third = newApplication();
        assertEquals(Optional.of(second.id()), store.claimVehicles(third.id(), List.of(fin), ended));
        store.putData(second.id(), "kennzeichen", "ERZ-AB 1");
        store.deleteData(second.id());
        assertEquals(Optional.empty(), store.claimVehicles(third.id(), List.of(fin), ended));
        assertEquals(0, scalarUnchecked("SELECT COUNT(*) FROM vehicle_claim WHERE vehicle = '" + fin + "'"), "no identifier in clear");
    }

    @Test
    void parallel_claims_of_one_vehicle_give_it_to_one_application() throws Exception {
        String fin = "WVW" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase(java.util.Locale.ROOT);
        java.util.Set<String> ended = java.util.Set.of("ABORTED", "ABORTED_DELETED", "COMPLETED");
        List<Application> applications = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            applications.add(newApplication());
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Boolean> won = race(8, () -> {
            Application mine = applications.get(next.getAndIncrement());
            try {
                return store.inTransaction(tx -> {
                    if (tx.claimVehicles(mine.id(), List.of(fin, "plate-" + fin), ended).isPresent()) {
                        throw new IllegalStateException("taken"); // as the engine does: the whole transaction refused
                    }
                    tx.appendAudit(mine.id(), "CLAIMED", null);
                    return true;
                });
            } catch (IllegalStateException | org.openikfz.store.api.StoreException e) {
                return false;
            }
        });
        assertEquals(1, won.stream().filter(w -> w).count(), "one application has the vehicle: " + won);
        long holders = applications.stream().filter(a -> store.auditTrail(a.id()).stream().anyMatch(e -> e.type().equals("CLAIMED"))).count();
        assertEquals(1, holders);
    }

    private String chainRecord() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery("SELECT head_pos, head_id, head_hash FROM audit_chain")) {
            assertTrue(r.next());
            return "head_pos = " + r.getLong(1) + ", head_id = " + r.getLong(2) + ", head_hash = '" + r.getString(3) + "'";
        }
    }

    private String text(String query) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery(query)) {
            assertTrue(r.next());
            return r.getString(1);
        }
    }

    private long scalarUnchecked(String query) {
        try {
            return scalar(query);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long scalar(String query) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery(query)) {
            assertTrue(r.next());
            return r.getLong(1);
        }
    }

    private void restore(long id, Object[] row) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.prepareStatement("INSERT INTO audit_event (id, application_id, occurred_at, event_type, detail,"
                        + " prev_hash, entry_hash, chain_pos, event_mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, id);
            for (int i = 1; i < row.length; i++) {
                st.setObject(i + 1, row[i]);
            }
            st.executeUpdate();
        }
    }

    private <T> java.util.List<T> race(int threads, java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            java.util.List<T> results = new java.util.ArrayList<>();
            for (var f : futures) {
                results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twenty_parallel_login_attempts_lock_the_account_after_five() throws Exception {
        String user = "race" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(store.createAccount(new org.openikfz.store.api.StaffAccount(user, "Race", "CLERK", "ERZ",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "JBSWY3DPEHPK3PXP", 0, 0, null, null)));
        Instant now = Instant.now();
        java.util.List<Boolean> allowed = race(20, () -> store.claimLoginAttempt(user, now, 5, now.plus(Duration.ofMinutes(15))));
        assertEquals(5, allowed.stream().filter(b -> b).count(), "five attempts are checked, the others find the account locked");
        org.openikfz.store.api.StaffAccount read = store.findAccount(user).orElseThrow();
        assertTrue(read.lockedUntil() != null && read.lockedUntil().isAfter(now), "locked");
        assertFalse(store.claimLoginAttempt(user, now.plusSeconds(60), 5, now.plusSeconds(960)), "still locked");
        assertTrue(store.claimLoginAttempt(user, now.plus(Duration.ofMinutes(16)), 5, now.plus(Duration.ofMinutes(31))), "the lock ends");
    }

    @Test
    void one_totp_step_is_claimed_once_among_parallel_logins() throws Exception {
        String user = "totp" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(store.createAccount(new org.openikfz.store.api.StaffAccount(user, "Race", "CLERK", "ERZ",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "JBSWY3DPEHPK3PXP", 0, 0, null, null)));
        java.util.List<Boolean> claimed = race(6, () -> store.claimTotpStep(user, 58_000_000L));
        assertEquals(1, claimed.stream().filter(b -> b).count(), "one session per code");
        assertFalse(store.claimTotpStep(user, 57_999_999L), "an older code neither");
    }

    @Test
    void of_twelve_clerks_taking_a_case_at_once_one_gets_it_and_only_the_holder_hands_it_on() throws Exception {
        Application a = store.create("ausserbetriebsetzung", "ERZ", "WITH_CLERKS", 3);
        java.util.List<Boolean> taken = race(12, () -> store.assignCase(a.id(), null, "clerk" + Thread.currentThread().threadId()));
        assertEquals(1, taken.stream().filter(b -> b).count(), "one clerk holds the case");
        String holder = store.caseAssignments(List.of(a.id())).get(a.id());
        assertTrue(holder != null && holder.startsWith("clerk"), String.valueOf(holder));
        assertFalse(store.assignCase(a.id(), "someone-else", "anna"), "handed on only by its holder");
        assertTrue(store.assignCase(a.id(), holder, "anna"), "a supervisor hands it to anna");
        assertFalse(store.assignCase(a.id(), holder, null), "given back only by its holder");
        assertTrue(store.assignCase(a.id(), "anna", null), "anna gives it back");
        assertEquals(Map.of(), store.caseAssignments(List.of(a.id())));
        assertTrue(store.assignCase(a.id(), null, "bert"));
    }

    @Test
    void a_case_changes_only_from_the_version_it_was_read_at() throws Exception {
        org.openikfz.store.api.Case opened = store.insertCase(org.openikfz.store.api.Case.open(UUID.randomUUID(), "ausserbetriebsetzung",
                "1.0.0", "ERZ", "DIALOG", 3, "0".repeat(64), Instant.now()));
        assertEquals(0, opened.version());
        java.util.List<Boolean> won = race(12, () -> store.updateCase(opened.withState("VERIFYING")).isPresent());
        assertEquals(1, won.stream().filter(b -> b).count(), "exactly one of twelve takes the case");
        org.openikfz.store.api.Case read = store.findCase(opened.id()).orElseThrow();
        assertEquals(1, read.version());
        assertEquals("VERIFYING", read.state());
        assertTrue(store.updateCase(opened.withState("DIALOG")).isEmpty(), "a stale version is refused");
        org.openikfz.store.api.Case decided = store.updateCase(read.withState("DECIDED").withDecision(new org.openikfz.store.api.CaseDecision(
                "ERZ-2026-" + store.nextDecisionNumber(), true, true, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null,
                java.time.LocalDate.of(2026, 12, 5), null)).withDueAt(Instant.now())).orElseThrow();
        store.putData(opened.id(), java.util.Map.of("a", "1", "b", "2"));
        org.openikfz.store.api.CaseFile file = store.findCaseFile(opened.id()).orElseThrow();
        assertEquals(decided, file.state());
        assertEquals(java.util.Map.of("a", "1", "b", "2"), file.data());
        assertTrue(store.casesDue("DECIDED", Instant.now().plusSeconds(1), 1000).stream().anyMatch(c -> c.id().equals(opened.id())));
        assertTrue(store.casesTransferred("DECIDED", Instant.now().plusSeconds(1), 100_000).stream().anyMatch(c -> c.id().equals(opened.id())));
        OutboxMessage mail = store.enqueue(opened.id(), "mail", "confirmation", "{\"to\":\"erika@example.org\"}");
        assertTrue(store.casesTransferred("DECIDED", Instant.now().plusSeconds(1), 100_000).stream().anyMatch(c -> c.id().equals(opened.id())),
                "an e-mail to the applicant is no part of the transfer");
        store.enqueue(opened.id(), "kba", "{}");
        assertFalse(store.casesTransferred("DECIDED", Instant.now().plusSeconds(1), 100_000).stream().anyMatch(c -> c.id().equals(opened.id())),
                "a case with an undelivered message is not transferred");
        assertEquals(1, store.withdrawUndelivered(opened.id(), "mail"));
        assertEquals(0, store.withdrawUndelivered(opened.id(), "mail"), "once");
        assertTrue(store.outbox("mail", "ERZ", 100).stream().anyMatch(e -> e.id() == mail.id() && e.deliveredAt() != null));
    }

    @Test
    void an_application_is_found_by_the_reference_it_got_when_opened_and_keeps_it() {
        String reference = "ERZ-2026-" + store.nextDecisionNumber();
        org.openikfz.store.api.Case opened = store.insertCase(org.openikfz.store.api.Case.open(UUID.randomUUID(), "ausserbetriebsetzung",
                "1.0.0", "ERZ", "DIALOG", 3, "0".repeat(64), Instant.now(), reference, "f".repeat(64)));
        assertEquals(reference, opened.reference());
        org.openikfz.store.api.Case found = store.findCaseByReference(reference).orElseThrow();
        assertEquals(opened.id(), found.id());
        assertEquals("f".repeat(64), found.statusHash());
        org.openikfz.store.api.Case changed = store.updateCase(found.withState("DECIDED").withDecision(new org.openikfz.store.api.CaseDecision(
                reference, true, true, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null, null, null))).orElseThrow();
        assertEquals(reference, changed.reference());
        assertEquals("f".repeat(64), store.findCase(opened.id()).orElseThrow().statusHash(), "a change keeps the status code");
        assertTrue(store.findCaseByReference(reference + "0").isEmpty());
        assertThrows(RuntimeException.class, () -> store.insertCase(org.openikfz.store.api.Case.open(UUID.randomUUID(), "ausserbetriebsetzung",
                "1.0.0", "ERZ", "DIALOG", 3, "0".repeat(64), Instant.now(), reference, "e".repeat(64))), "a reference is given once");

        // opened before schema 9 (no reference): the decision's reference becomes the application's
        org.openikfz.store.api.Case older = store.insertCase(org.openikfz.store.api.Case.open(UUID.randomUUID(), "ausserbetriebsetzung",
                "1.0.0", "ERZ", "DIALOG", 3, "0".repeat(64), Instant.now()));
        String decidedAs = "ERZ-2026-" + store.nextDecisionNumber();
        store.updateCase(older.withState("DECIDED").withDecision(new org.openikfz.store.api.CaseDecision(
                decidedAs, true, true, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null, null, null))).orElseThrow();
        assertEquals(older.id(), store.findCaseByReference(decidedAs).orElseThrow().id());
    }

    @Test
    void accounts_are_created_once_and_record_their_logins() {
        String user = "clerk" + UUID.randomUUID().toString().substring(0, 8);
        org.openikfz.store.api.StaffAccount account = new org.openikfz.store.api.StaffAccount(user, "Frau Test", "CLERK", "ERZ",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "JBSWY3DPEHPK3PXP", 0, 0, null, null);
        assertTrue(store.createAccount(account));
        assertFalse(store.createAccount(account), "the user name is taken");
        Instant locked = Instant.now().plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MICROS);
        store.recordLogin(user, 12345, 5, locked);
        org.openikfz.store.api.StaffAccount read = store.findAccount(user).orElseThrow();
        assertEquals(12345, read.lastTotpStep());
        assertEquals(5, read.failedLogins());
        assertEquals(locked, read.lockedUntil());
        assertFalse(read.toString().contains("argon2"), "no hash in toString");
        assertTrue(store.accounts().stream().anyMatch(a -> a.user().equals(user)));
    }

    /** The platform keeps appending and sealing while an auditor verifies: no verification sees a chain that is not there. */
    @Test
    void verifying_while_events_are_appended_and_sealed_raises_no_false_alarm() throws Exception {
        Application a = newApplication();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int t = 0; t < 2; t++) {
                writers.submit(() -> {
                    while (running.get()) {
                        store.appendAudit(a.id(), "ANSWERED", "fields=name");
                        store.sealAudit();
                    }
                    return null;
                });
            }
            for (int i = 0; i < 30; i++) {
                AuditVerification v = store.verifyAudit();
                assertTrue(v.intact(), "verification " + i + ": " + v);
            }
        } finally {
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    /** The codes: a removed item leaves nothing of itself in the row, not even a value it had before a correction. */
    @Test
    void a_removed_item_leaves_no_earlier_value_of_itself_in_the_row() throws Exception {
        Application a = newApplication();
        store.putData(a.id(), Map.of("zb1Code", "Qw7Er8T", "kennzeichen", "ERZ-AB 1"));
        store.putData(a.id(), "zb1Code", "Ab3De4F"); // corrected
        store.putData(a.id(), "notiz", "Zeile 1\nZeile 2 = mit \\ und =");
        assertEquals(Optional.of("Ab3De4F"), store.getData(a.id(), "zb1Code"));
        assertEquals(1, store.removeData(a.id(), List.of("zb1Code", "missing")));
        String row = text("SELECT dialog_data FROM application WHERE id = '" + a.id() + "'");
        assertFalse(row.contains("Qw7Er8T") || row.contains("Ab3De4F"), row);
        assertEquals(Map.of("kennzeichen", "ERZ-AB 1", "notiz", "Zeile 1\nZeile 2 = mit \\ und ="), store.getData(a.id()));
        assertEquals(0, store.removeData(java.util.UUID.randomUUID(), List.of("zb1Code")), "an unknown application has nothing to remove");
        assertThrows(StoreException.class, () -> store.putData(java.util.UUID.randomUUID(), "k", "v"), "no data without an application");
    }

    /** Every answer is appended to the row; answering again and again does not grow it without bound. */
    @Test
    void answering_again_and_again_keeps_the_row_bounded() throws Exception {
        Application a = newApplication();
        for (int i = 0; i < 1_000; i++) {
            store.putData(a.id(), Map.of("name", "Erika Mustermann " + i, "strasse", "Hauptstraße " + i));
        }
        assertEquals(Map.of("name", "Erika Mustermann 999", "strasse", "Hauptstraße 999"), store.getData(a.id()));
        long length = scalar("SELECT CHAR_LENGTH(dialog_data) FROM application WHERE id = '" + a.id() + "'");
        assertTrue(length < HotStatements.COMPACT_AT + 200, "the row holds " + length + " characters of dialog data");
    }

    /** Two requests for one application at once: neither's items are lost, and a removal removes. */
    @Test
    void items_written_at_once_are_all_kept() throws Exception {
        Application a = newApplication();
        racingWritesAreAllKept(a, () -> store.removeData(a.id(), List.of("zb1Code")));
    }

    /**
     * Twelve requests for one application at once: the first runs {@code removal} (of the code), each of the others
     * sets items; afterwards every item is there and the code is gone.
     */
    private Map<String, String> racingWritesAreAllKept(Application a, java.util.concurrent.Callable<Integer> removal) throws Exception {
        store.putData(a.id(), "zb1Code", "Ab3De4F");
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        race(12, () -> {
            int i = next.getAndIncrement();
            if (i == 0) {
                return removal.call();
            }
            store.putData(a.id(), Map.of("k" + i, "v" + i, "common", "from " + i));
            return 0;
        });
        Map<String, String> data = store.getData(a.id());
        for (int i = 1; i < 12; i++) {
            assertEquals("v" + i, data.get("k" + i), data.toString());
        }
        assertFalse(data.containsKey("zb1Code"), data.toString());
        assertTrue(data.get("common").startsWith("from "));
        return data;
    }

    @Test
    void decision_numbers_are_unique_and_drawn_in_blocks() throws Exception {
        StoreActivity before = store.activity();
        java.util.Set<Long> sequential = new java.util.HashSet<>();
        for (int i = 0; i < 2 * HotStatements.NUMBERS_PER_DRAW; i++) {
            assertTrue(sequential.add(store.nextDecisionNumber()));
        }
        assertTrue(store.activity().minus(before).statements() <= 3, "asked the sequence " + store.activity().minus(before));
        List<List<Long>> drawn = race(8, () -> {
            List<Long> mine = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                mine.add(store.nextDecisionNumber());
            }
            return mine;
        });
        java.util.Set<Long> all = new java.util.HashSet<>(sequential);
        drawn.forEach(all::addAll);
        assertEquals(2 * HotStatements.NUMBERS_PER_DRAW + 8 * 40, all.size(), "a number was handed out twice");
    }

    /**
     * An answer: the case changed (compare-and-set) and the items set in one statement; a request that lost the race
     * sets none of its items; a column grown long is compacted with the change.
     */
    @Test
    void a_change_of_the_case_sets_its_items_with_it_or_not_at_all() throws Exception {
        org.openikfz.store.api.Case opened = store.insertCase(org.openikfz.store.api.Case.open(UUID.randomUUID(), "ausserbetriebsetzung",
                "1.0.0", "ERZ", "DIALOG", 3, "0".repeat(64), Instant.now(), "ERZ-2026-" + store.nextDecisionNumber(), "f".repeat(64)));
        StoreActivity before = store.activity();
        org.openikfz.store.api.Case answered = store.updateCase(opened, Map.of("kennzeichen", "ERZ-AB 1")).orElseThrow();
        assertEquals(new StoreActivity(1, 1, 0), store.activity().minus(before), "one statement");
        assertEquals(opened.version() + 1, answered.version());
        assertTrue(store.updateCase(opened, Map.of("kennzeichen", "ERZ-XY 9")).isEmpty(), "the stale version lost");
        assertEquals(Map.of("kennzeichen", "ERZ-AB 1"), store.getData(opened.id()), "and none of its items was set");
        org.openikfz.store.api.Case current = answered;
        for (int i = 0; i < 400; i++) {
            current = store.updateCase(current, Map.of("name", "Erika Mustermann " + i, "strasse", "Hauptstraße " + i)).orElseThrow();
        }
        assertEquals(Map.of("kennzeichen", "ERZ-AB 1", "name", "Erika Mustermann 399", "strasse", "Hauptstraße 399"), store.getData(opened.id()));
        long length = scalar("SELECT CHAR_LENGTH(dialog_data) FROM application WHERE id = '" + opened.id() + "'");
        assertTrue(length < HotStatements.COMPACT_AT + 200, "the row holds " + length + " characters of dialog data");
        assertEquals(answered.version() + 400, store.findCase(opened.id()).orElseThrow().version());
    }

    /** What a verification writes: its results set and the codes gone, in one read and one write of the row. */
    @Test
    void changing_data_sets_and_removes_in_one_write() throws Exception {
        Application a = newApplication();
        store.putData(a.id(), Map.of("zb1Code", "Qw7Er8T", "kennzeichen", "ERZ-AB 1"));
        store.putData(a.id(), "zb1Code", "Ab3De4F"); // corrected
        StoreActivity before = store.activity();
        assertEquals(1, store.changeData(a.id(), Map.of("_verified", "true", "zb1Code", "set and removed"), List.of("zb1Code", "missing")));
        assertEquals(new StoreActivity(2, 1, 0), store.activity().minus(before), "one read and one write, in one transaction");
        assertEquals(Map.of("kennzeichen", "ERZ-AB 1", "_verified", "true"), store.getData(a.id()));
        String row = text("SELECT dialog_data FROM application WHERE id = '" + a.id() + "'");
        assertFalse(row.contains("Qw7Er8T") || row.contains("Ab3De4F") || row.contains("set and removed"), row);
        assertEquals(0, store.changeData(a.id(), Map.of("k", "v"), List.of()));
        assertEquals(Optional.of("v"), store.getData(a.id(), "k"));
        assertThrows(StoreException.class, () -> store.changeData(UUID.randomUUID(), Map.of("k", "v"), List.of("zb1Code")),
                "no data without an application");
    }

    /**
     * A transaction that changed the row and then rewrites its data reads it without a lock of its own: the row is
     * locked already, so another request's items written at the same moment wait for it and are all kept.
     */
    @Test
    void a_rewrite_after_the_transaction_changed_the_row_keeps_what_others_write_meanwhile() throws Exception {
        Application a = newApplication();
        Map<String, String> data = racingWritesAreAllKept(a, () -> store.inTransaction(tx -> {
            tx.putData(a.id(), "first", "in the transaction");
            return tx.changeData(a.id(), Map.of("_verified", "true"), List.of("zb1Code"));
        }));
        assertEquals("in the transaction", data.get("first"), data.toString());
        assertEquals("true", data.get("_verified"), data.toString());
    }

    @Test
    void data_items_removed_and_the_outbox_listed_per_authority_with_labels() {
        Application a = newApplication();
        store.putData(a.id(), Map.of("zb1Code", "Ab3De4F", "kennzeichen", "ERZ-AB 1"));
        assertEquals(1, store.removeData(a.id(), List.of("zb1Code", "missing")));
        assertEquals(Map.of("kennzeichen", "ERZ-AB 1"), store.getData(a.id()));
        OutboxMessage letter = store.enqueue(a.id(), "post", "clerk-decision", "{}");
        store.markDelivered(letter.id());
        var entries = store.outbox("post", "09162000", 1000);
        var entry = entries.stream().filter(e -> e.id() == letter.id()).findFirst().orElseThrow();
        assertEquals("clerk-decision", entry.label());
        assertNotNull(entry.deliveredAt());
        assertTrue(store.outbox("post", "other", 1000).stream().noneMatch(e -> e.id() == letter.id()), "another authority's letters stay apart");
    }

    @Test
    void decisions_are_recorded_reviewed_once_and_traced() {
        Application a = newApplication();
        Instant decided = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.recordDecision(new org.openikfz.store.api.DecisionRecord(a.id(), "zulassung.neu", "09162000", "ERZ-2026-1", "1.0.0",
                decided, null, "NONE", null, null, null, null, null));
        assertTrue(store.review(a.id(), "NONE", "OPEN", "MANUAL", null, null));
        assertFalse(store.review(a.id(), "NONE", "OPEN", "MANUAL", null, null), "drawn once");
        store.decisionEffective(a.id(), java.time.LocalDate.of(2026, 12, 2));
        assertTrue(store.review(a.id(), "OPEN", "REVOKED", null, "berta", "Halter war nicht berechtigt"));
        var record = store.findDecision(a.id()).orElseThrow();
        assertEquals("REVOKED", record.reviewState());
        assertEquals("MANUAL", record.drawnBy());
        assertEquals("berta", record.reviewer());
        assertEquals(java.time.LocalDate.of(2026, 12, 2), record.effectiveOn());
        assertEquals(decided, record.decidedAt());
        assertTrue(store.decisions("09162000", 1000).stream().anyMatch(d -> d.applicationId().equals(a.id())));

        store.replaceTrace(a.id(), List.of(new org.openikfz.store.api.TraceRecord(a.id(), 1, "zfzr", "CLEAR", "{}", "zfzr.registered", "clear", "1.1.0", null)));
        store.replaceTrace(a.id(), List.of(
                new org.openikfz.store.api.TraceRecord(a.id(), 1, "zfzr", "CLEAR", "{\"kennzeichen\":\"ER***\"}", "zfzr.registered", "clear", "1.1.0", null),
                new org.openikfz.store.api.TraceRecord(a.id(), 2, "procedure", "CLEAR", "{}", "", "clear", "1.0.0", null)));
        assertEquals(List.of("zfzr", "procedure"), store.trace(a.id()).stream().map(t -> t.step()).toList());
    }

    private void sql(String statement) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    /** id, application_id, occurred_at, event_type, detail, prev_hash, entry_hash, chain_pos, event_mac of an event (sealed first). */
    private Object[] row(long id) throws Exception {
        store.sealAudit();
        return rowWhere("id = " + id);
    }

    private Object[] rowAt(long chainPos) throws Exception {
        return rowWhere("chain_pos = " + chainPos);
    }

    private Object[] rowWhere(String condition) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery("SELECT id, application_id, occurred_at, event_type, detail, prev_hash, entry_hash, chain_pos,"
                        + " event_mac FROM audit_event WHERE " + condition)) {
            assertTrue(r.next());
            return new Object[] {r.getLong(1), r.getObject(2, UUID.class), r.getObject(3, java.time.OffsetDateTime.class),
                    r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getObject(8), r.getString(9)};
        }
    }

    /** id and type of every event. */
    private List<String[]> allEvents() {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery("SELECT id, event_type FROM audit_event ORDER BY id")) {
            List<String[]> events = new java.util.ArrayList<>();
            while (r.next()) {
                events.add(new String[] {r.getString(1), r.getString(2)});
            }
            return events;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void outbox_delivers_once_and_forgets_the_payload() {
        Application a = newApplication();
        OutboxMessage m1 = store.enqueue(a.id(), "fachverfahren", "{\"antrag\":1}");
        OutboxMessage m2 = store.enqueue(a.id(), "kba", "{\"antrag\":2}");
        assertTrue(m1.id() < m2.id());
        assertFalse(m1.delivered());

        List<OutboxMessage> waiting = store.undelivered(Integer.MAX_VALUE).stream()
                .filter(m -> m.applicationId().equals(a.id())).toList();
        assertEquals(List.of(m1, m2), waiting);

        assertTrue(store.markDelivered(m1.id()));
        assertFalse(store.markDelivered(m1.id()), "delivered twice");
        assertFalse(store.markDelivered(Long.MAX_VALUE));

        List<OutboxMessage> still = store.undelivered(Integer.MAX_VALUE).stream()
                .filter(m -> m.applicationId().equals(a.id())).toList();
        assertEquals(List.of(m2), still);
    }

    /** The ids of {@code a}'s messages among those given: other tests' messages may wait in the outbox too. */
    private static java.util.function.Function<List<OutboxMessage>, List<Long>> idsOf(Application a) {
        return l -> l.stream().filter(m -> m.applicationId().equals(a.id())).map(OutboxMessage::id).toList();
    }

    /** Whether several nodes can share this database (the embedded H2: one process, so claims hold nothing). */
    protected boolean sharedByNodes() {
        return true;
    }

    @Test
    void outbox_claims_go_to_one_node_at_a_time_and_lapse() {
        org.junit.jupiter.api.Assumptions.assumeTrue(sharedByNodes(), "one node only: nothing to claim against");
        Application a = newApplication();
        OutboxMessage m1 = store.enqueue(a.id(), "fachverfahren", "{\"antrag\":1}");
        OutboxMessage m2 = store.enqueue(a.id(), "kba", "{\"antrag\":2}");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant until = now.plusSeconds(60);
        java.util.function.Function<List<OutboxMessage>, List<Long>> mine = idsOf(a);

        assertEquals(List.of(m1.id(), m2.id()), mine.apply(store.claimUndelivered("node-a", now, until, Integer.MAX_VALUE)));
        assertEquals(List.of(), mine.apply(store.claimUndelivered("node-b", now, until, Integer.MAX_VALUE)),
                "held by node-a: node-b gets nothing");
        // node-a renews its own claim; what it delivered is no longer claimable by anyone
        assertTrue(store.markDelivered(m1.id()));
        assertEquals(List.of(m2.id()), mine.apply(store.claimUndelivered("node-a", now, until.plusSeconds(1), Integer.MAX_VALUE)));
        // node-a died: once its claim lapsed, node-b takes the message over, and node-a cannot take it back
        Instant later = until.plusSeconds(2);
        assertEquals(List.of(m2.id()), mine.apply(store.claimUndelivered("node-b", later, later.plusSeconds(60), Integer.MAX_VALUE)));
        assertEquals(List.of(), mine.apply(store.claimUndelivered("node-a", later, later.plusSeconds(60), Integer.MAX_VALUE)));
    }

    @Test
    void a_claim_on_a_database_of_one_node_reads_the_undelivered_oldest_first() {
        org.junit.jupiter.api.Assumptions.assumeFalse(sharedByNodes(), "several nodes: claims hold their messages");
        Application a = newApplication();
        OutboxMessage first = store.enqueue(a.id(), "kba", "{\"n\":1}");
        OutboxMessage second = store.enqueue(a.id(), "fachverfahren", "{\"n\":2}");
        Instant now = Instant.now();
        java.util.function.Function<List<OutboxMessage>, List<Long>> mine = idsOf(a);
        assertEquals(List.of(first.id(), second.id()), mine.apply(store.claimUndelivered("node-a", now, now.plusSeconds(60), Integer.MAX_VALUE)));
        assertEquals(List.of(first.id(), second.id()), mine.apply(store.claimUndelivered("node-a", now, now.plusSeconds(60), Integer.MAX_VALUE)),
                "a round that did not send them gets them again");
        assertTrue(store.markDelivered(first.id()));
        assertEquals(List.of(second.id()), mine.apply(store.claimUndelivered("node-a", now, now.plusSeconds(60), Integer.MAX_VALUE)),
                "what was delivered is not sent again");
    }

    @Test
    void nodes_claiming_at_once_never_get_the_same_message() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sharedByNodes(), "one node only: nothing to claim against");
        Application a = newApplication();
        java.util.Set<Long> queued = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            queued.add(store.enqueue(a.id(), i % 2 == 0 ? "kba" : "fachverfahren", "{\"n\":" + i + "}").id());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        java.util.concurrent.atomic.AtomicInteger nodes = new java.util.concurrent.atomic.AtomicInteger();
        // eight nodes claim at once, each a few at a time until nothing is left for it
        java.util.List<java.util.List<Long>> claims = race(8, () -> {
            String node = "race-node-" + nodes.incrementAndGet();
            java.util.List<Long> mine = new java.util.ArrayList<>();
            for (List<OutboxMessage> got = store.claimUndelivered(node, now, now.plusSeconds(60), 3); !got.isEmpty();
                    got = store.claimUndelivered(node, now, now.plusSeconds(60), 3)) {
                got.stream().filter(m -> m.applicationId().equals(a.id())).forEach(m -> mine.add(m.id()));
                // what a node sends it marks delivered; the rest of its claim it renews in the next call
                got.forEach(m -> store.markDelivered(m.id()));
            }
            return mine;
        });
        java.util.List<Long> all = claims.stream().flatMap(List::stream).toList();
        assertEquals(queued, new java.util.HashSet<>(all), "every message was claimed");
        assertEquals(queued.size(), all.size(), "no message was claimed by two nodes: " + claims);
    }

    @Test
    void transaction_commits_together() {
        UUID id = store.inTransaction(tx -> {
            Application a = tx.create("zulassung.neu", "09162000", "DIALOG", 3);
            tx.putData(a.id(), "k", "v");
            tx.appendAudit(a.id(), "CREATED", null);
            tx.transition(a.id(), "DIALOG", "SUBMITTED", 3);
            tx.enqueue(a.id(), "fachverfahren", "p");
            return a.id();
        });
        assertEquals("SUBMITTED", store.find(id).orElseThrow().state());
        assertEquals(Optional.of("v"), store.getData(id, "k"));
        assertEquals(1, store.auditTrail(id).size());
    }

    @Test
    void transaction_rolls_back_together() {
        UUID[] created = new UUID[1];
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.inTransaction(tx -> {
            Application a = tx.create("zulassung.neu", "09162000", "DIALOG", 3);
            created[0] = a.id();
            tx.putData(a.id(), "k", "v");
            tx.appendAudit(a.id(), "CREATED", null);
            throw new IllegalStateException("engine changed its mind");
        }));
        assertEquals("engine changed its mind", thrown.getMessage());
        assertNotNull(created[0]);
        assertEquals(Optional.empty(), store.find(created[0]));
        assertEquals(Map.of(), store.getData(created[0]));
        assertEquals(List.of(), store.auditTrail(created[0]));
    }

    @Test
    void a_transaction_begun_inside_one_joins_it() {
        UUID[] created = new UUID[1];
        assertThrows(IllegalStateException.class, () -> store.inTransaction(tx -> {
            Application a = tx.create("zulassung.neu", "09162000", "DIALOG", 3);
            created[0] = a.id();
            tx.inTransaction(inner -> {
                inner.putData(a.id(), "k", "v");
                return inner.appendAudit(a.id(), "CREATED", null);
            });
            throw new IllegalStateException("engine changed its mind");
        }));
        assertEquals(Optional.empty(), store.find(created[0]), "the inner work was rolled back with the outer");
        assertEquals(List.of(), store.auditTrail(created[0]));
    }

    @Test
    void a_failed_step_inside_a_transaction_rolls_the_whole_transaction_back() {
        UUID[] created = new UUID[1];
        // no savepoints: a failing statement fails the transaction, and nothing of it is written
        assertThrows(StoreException.class, () -> store.inTransaction(tx -> {
            Application a = tx.create("zulassung.neu", "09162000", "DIALOG", 3);
            created[0] = a.id();
            tx.putData(UUID.randomUUID(), "k", "v");
            return a.id();
        }));
        assertEquals(Optional.empty(), store.find(created[0]));
    }

    @Test
    void the_store_counts_statements_and_commits() {
        StoreActivity before = store.activity();
        store.inTransaction(tx -> {
            Application a = tx.create("zulassung.neu", "09162000", "DIALOG", 3);
            tx.putData(a.id(), Map.of("a", "1", "b", "2"));
            tx.appendAudit(a.id(), "CREATED", null);
            return null;
        });
        store.find(UUID.randomUUID());
        // a write without a transaction commits by itself (auto-commit): one statement, one commit
        store.insertCase(org.openikfz.store.api.Case.open(UUID.randomUUID(), "zulassung.neu", "1", "09162000", "DIALOG", 3, null, null));
        StoreActivity used = store.activity().minus(before);
        // three writes in one transaction (no savepoints), one read without a transaction, one write on its own
        assertEquals(new StoreActivity(5, 2, 0), used);
    }
}

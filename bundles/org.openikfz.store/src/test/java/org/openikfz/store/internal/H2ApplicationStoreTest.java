package org.openikfz.store.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The contract on an embedded H2 file database under target/, made new for every run. */
class H2ApplicationStoreTest extends ApplicationStoreContract {

    private StoreSettings settings;

    @Override
    protected StoreSettings settings() {
        if (settings == null) {
            Path dir = Path.of(System.getProperty("openikfz.test.dir", "target/test-db"), "h2");
            deleteRecursively(dir);
            settings = new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath() + "/openikfz;DB_CLOSE_ON_EXIT=FALSE",
                    "sa", "geheim", 4, 10);
        }
        return settings;
    }

    @Override
    protected String expectedDialect() {
        return "H2";
    }

    @Override
    protected boolean sharedByNodes() {
        return false;
    }

    /**
     * H2 writes an identity's sequence to its file every CACHE values in a commit of its own (storing
     * every page changed since the last commit): the store has H2 cache 1024 of the ids of audit
     * events and outbox messages, not 32.
     */
    @org.junit.jupiter.api.Test
    void the_ids_of_audit_events_and_outbox_messages_are_written_once_per_1024() throws Exception {
        java.util.Map<String, Long> caches = new java.util.TreeMap<>();
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery("SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = SCHEMA() AND IS_IDENTITY = 'YES'")) {
            while (r.next()) {
                caches.put(r.getString(1).toLowerCase(java.util.Locale.ROOT), r.getLong(2));
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of("audit_event", 1024L, "outbox", 1024L), caches);
    }

    /**
     * Each index of a table written on every request is a page path in every commit: the audit trail
     * has no index on the time (nothing reads by it).
     */
    @org.junit.jupiter.api.Test
    void the_audit_trail_carries_only_the_indexes_that_are_read() throws Exception {
        java.util.Set<String> indexes = new java.util.TreeSet<>();
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = SCHEMA()"
                        + " AND TABLE_NAME = 'AUDIT_EVENT' AND INDEX_NAME NOT LIKE 'PRIMARY_KEY%'")) {
            while (r.next()) {
                indexes.add(r.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("ix_audit_event_application", "ux_audit_event_chain_pos"), indexes);
    }

    /**
     * The drain after the decision windows asks, per application, for its undelivered messages. With
     * only (delivered_at, id) to go by, H2 walks all undelivered messages for each application: tens of
     * thousands during a drain.
     */
    @org.junit.jupiter.api.Test
    void an_applications_undelivered_messages_are_found_through_its_own_index() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.createStatement();
                var r = st.executeQuery("EXPLAIN SELECT a.id FROM application a WHERE a.state = 'TRANSFER' AND NOT EXISTS"
                        + " (SELECT 1 FROM outbox o WHERE o.application_id = a.id AND o.delivered_at IS NULL AND o.destination <> 'mail')")) {
            assertTrue(r.next());
            String plan = r.getString(1);
            assertTrue(plan.contains("IX_OUTBOX_APPLICATION_UNDELIVERED"), plan);
        }
    }

    /** The senders ask for the oldest undelivered messages every round: H2 reads the first rows of an index, whatever the backlog. */
    @org.junit.jupiter.api.Test
    void the_oldest_undelivered_messages_are_read_from_the_index_without_a_sort() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var st = connection.prepareStatement("EXPLAIN " + HotStatements.UNDELIVERED)) {
            st.setInt(1, 100);
            try (var r = st.executeQuery()) {
                assertTrue(r.next());
                String plan = r.getString(1);
                assertTrue(plan.contains("IX_OUTBOX_UNDELIVERED") && plan.contains("index sorted"), plan);
            }
        }
    }

    /** The background's look-ups of cases stop after the first rows of their index, however many cases wait. */
    @org.junit.jupiter.api.Test
    void the_cases_to_act_on_are_read_from_their_index_without_a_sort() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(settings().url(), settings().user(), settings().password());
                var transferred = connection.prepareStatement("EXPLAIN " + HotStatements.CASES_TRANSFERRED);
                var due = connection.prepareStatement("EXPLAIN " + HotStatements.CASES_DUE)) {
            transferred.setString(1, "TRANSFER");
            transferred.setObject(2, java.time.OffsetDateTime.now());
            transferred.setInt(3, 100);
            due.setObject(1, java.time.OffsetDateTime.now());
            due.setInt(2, 100);
            for (var st : java.util.List.of(transferred, due)) {
                try (var r = st.executeQuery()) {
                    assertTrue(r.next());
                    String plan = r.getString(1);
                    assertTrue(plan.contains("index sorted"), plan);
                }
            }
        }
    }

    /** An installation of schema 9 keeps its applications' dialog data: version 11 moves them into the rows. */
    @org.junit.jupiter.api.Test
    void dialog_data_of_applications_opened_before_version_10_move_into_their_row() throws Exception {
        Path dir = Files.createTempDirectory("openikfz-h2-v9");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/openikfz";
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(url, "sa", "").locations(Database.MIGRATIONS)
                .target("9").load().migrate();
        java.util.UUID opened = java.util.UUID.randomUUID();
        java.util.UUID without = java.util.UUID.randomUUID();
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                var app = connection.prepareStatement("INSERT INTO application (id, procedure_id, authority_id, state, corrections_left,"
                        + " created_at, updated_at) VALUES (?, 'ausserbetriebsetzung', 'ERZ', 'DIALOG', 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                var item = connection.prepareStatement("INSERT INTO application_data (application_id, data_key, data_value, updated_at)"
                        + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            for (java.util.UUID id : java.util.List.of(opened, without)) {
                app.setObject(1, id);
                app.executeUpdate();
            }
            for (String[] kv : new String[][] {{"kennzeichen", "ERZ-AB 1"}, {"zb1Code", "Ab3De4F"}, {"notiz", "a=b\nc\\"}}) {
                item.setObject(1, opened);
                item.setString(2, kv[0]);
                item.setString(3, kv[1]);
                item.executeUpdate();
            }
        }
        StoreComponent store = new StoreComponent(new StoreSettings(url, "sa", "", 2, 10),
                "a test key of the audit chain, 256 bit".getBytes(java.nio.charset.StandardCharsets.UTF_8), dir.resolve("checkpoints.log"),
                java.time.Clock.systemUTC());
        try {
            org.junit.jupiter.api.Assertions.assertEquals("13", store.info().schemaVersion());
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of("kennzeichen", "ERZ-AB 1", "zb1Code", "Ab3De4F", "notiz", "a=b\nc\\"),
                    store.getData(opened));
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), store.getData(without));
            org.junit.jupiter.api.Assertions.assertEquals(3, store.deleteData(opened));
        } finally {
            store.close();
        }
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                var st = connection.createStatement();
                var r = st.executeQuery("SELECT COUNT(*) FROM application_data")) {
            r.next();
            org.junit.jupiter.api.Assertions.assertEquals(0, r.getLong(1), "the rows of the items are gone");
        }
    }

    /**
     * With WRITE_DELAY=0 H2 compacts nothing by itself: each commit appends to the file (about 20 KB
     * here). The store's maintenance keeps the file near its live data.
     */
    @org.junit.jupiter.api.Test
    void the_maintenance_keeps_the_file_from_growing_with_every_commit() throws Exception {
        Path dir = Files.createTempDirectory("openikfz-h2-growth");
        StoreSettings own = new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath() + "/openikfz", "sa", "", 2, 10);
        long started = System.nanoTime();
        StoreComponent store = new StoreComponent(own, "a test key of the audit chain, 256 bit".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dir.resolve("checkpoints.log"), java.time.Clock.systemUTC());
        try {
            var a = store.create("zulassung.neu", "ERZ", "DIALOG", 3);
            // commits for longer than H2's retention time (2 s), the maintenance as the engine's job runs it: each second
            long lastMaintenance = System.nanoTime();
            int commits = 0;
            while (System.nanoTime() - started < 3_000_000_000L) {
                store.putData(a.id(), "answer", "value " + commits++ + " " + "x".repeat(100));
                if (System.nanoTime() - lastMaintenance > 1_000_000_000L) {
                    store.maintain();
                    lastMaintenance = System.nanoTime();
                }
            }
            long peak = Files.size(dir.resolve("openikfz.mv.db"));
            // the load over, the rounds go on: the file comes down to about its live data (waiting for that, at most 20 s)
            long deadline = System.nanoTime() + 20_000_000_000L;
            long size = peak;
            while (size > 5_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                store.putData(a.id(), "answer", "idle " + commits++);
                store.maintain();
                size = Files.size(dir.resolve("openikfz.mv.db"));
            }
            // each commit appends ~20 KB; without the maintenance the file keeps every one of them
            org.junit.jupiter.api.Assertions.assertTrue(size <= 5_000_000, "the H2 file still has " + size / 1_000_000 + " MB after "
                    + commits + " commits (" + peak / 1_000_000 + " MB at the peak)");
        } finally {
            store.close();
            deleteRecursively(dir);
        }
    }

    /**
     * Free space in the file's middle and live data at its end (what time-ordered ids leave after a
     * busy day): rewriting sparse chunks alone cannot shorten the file; once the database is idle, the
     * maintenance moves the end's chunks forward and the file comes down to about its live data.
     */
    @org.junit.jupiter.api.Test
    void the_maintenance_moves_live_chunks_off_the_files_end_once_idle() throws Exception {
        Path dir = Files.createTempDirectory("openikfz-h2-move");
        StoreSettings own = new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath() + "/openikfz", "sa", "", 2, 10);
        StoreComponent store = new StoreComponent(own, "a test key of the audit chain, 256 bit".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dir.resolve("checkpoints.log"), java.time.Clock.systemUTC());
        Path file = dir.resolve("openikfz.mv.db");
        try (var connection = java.sql.DriverManager.getConnection(own.url(), "sa", "")) {
            try (var st = connection.createStatement()) {
                st.execute("CREATE TABLE early (id BIGINT PRIMARY KEY, payload VARCHAR(4000))");
                st.execute("CREATE TABLE late (id BIGINT PRIMARY KEY, payload VARCHAR(4000))");
            }
            // 40 MB that will be deleted, then 8 MB that stays: the live chunks are the file's last ones
            fill(connection, "early", 10_000);
            fill(connection, "late", 2_000);
            try (var st = connection.createStatement()) {
                st.execute("DROP TABLE early");
            }
            long before = Files.size(file);
            // the rounds as the engine's job runs them, each second; the database idle in between
            long deadline = System.nanoTime() + 60_000_000_000L;
            long size = before;
            while (size > 20_000_000 && System.nanoTime() < deadline) {
                store.maintain();
                Thread.sleep(200); // H2's retention time passes: a freed chunk may only be reused 2 s on
                size = Files.size(file);
            }
            org.junit.jupiter.api.Assertions.assertTrue(before > 40_000_000, "the file held both tables: " + before);
            org.junit.jupiter.api.Assertions.assertTrue(size <= 20_000_000, "the H2 file still has " + size / 1_000_000 + " MB ("
                    + before / 1_000_000 + " MB before; 8 MB live)");
            try (var st = connection.createStatement(); var r = st.executeQuery("SELECT COUNT(*), SUM(LENGTH(payload)) FROM late")) {
                r.next();
                org.junit.jupiter.api.Assertions.assertEquals(2_000, r.getLong(1), "every live row is still there");
                org.junit.jupiter.api.Assertions.assertEquals(2_000L * 4_000, r.getLong(2));
            }
        } finally {
            store.close();
            deleteRecursively(dir);
        }
    }

    /** Inserts {@code rows} rows of 4,000 characters, committing every 100. */
    private static void fill(java.sql.Connection connection, String table, int rows) throws java.sql.SQLException {
        connection.setAutoCommit(false);
        try (var insert = connection.prepareStatement("INSERT INTO " + table + " (id, payload) VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setLong(1, i);
                insert.setString(2, (table + i + " ").repeat(1_000).substring(0, 4_000));
                insert.executeUpdate();
                if (i % 100 == 99) {
                    connection.commit();
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

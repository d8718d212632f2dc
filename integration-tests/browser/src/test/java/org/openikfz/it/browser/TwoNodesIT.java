package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.openikfz.it.DemoAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of the platform on one PostgreSQL database, sharing one set of external systems (node
 * B's transfer receivers pass everything to node A's simulators, which count every delivery per
 * message id): applications decided on both nodes, their decision windows closed by both nodes'
 * housekeeping at once (a clock fixture moves time 31 minutes ahead on both), mailed, transferred
 * and deleted; node B is killed with {@code kill -9} while it holds outbox messages, and node A
 * finishes its work once B's claims lapse. Every message reaches its receiver once (those B was
 * sending at the kill, at most one per lane of a destination, may come twice: B never marked them acknowledged), every case is queued
 * for transfer and mailed once, every deletion runs once, and the audit chain both nodes sealed is
 * intact. ./test.sh starts the PostgreSQL and exports OPENIKFZ_PG_URL; without it this test fails.
 */
class TwoNodesIT {

    private static final int DECIDED_PER_NODE = 8;
    private static final int ABANDONED_PER_NODE = 2;
    private static final String DATABASE = "openikfz_two_nodes";
    /** Senders per destination on each node ({@code outbox.lanes}). */
    private static final int LANES = 2;

    private static String url;
    private static String user;
    private static String password;
    private static RunningDistribution a;
    private static RunningDistribution b;

    @BeforeAll
    static void start() throws Exception {
        String cluster = env("OPENIKFZ_PG_URL", null);
        if (cluster == null) {
            fail("OPENIKFZ_PG_URL is not set: run ./test.sh, or start scripts/postgres.sh and export its --env output");
        }
        user = env("OPENIKFZ_PG_USER", "openikfz");
        password = env("OPENIKFZ_PG_PASSWORD", "openikfz");
        // a fresh database of its own on the cluster, whatever other tests left in theirs
        try (Connection c = DriverManager.getConnection(cluster, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        int query = cluster.indexOf('?');
        String base = query < 0 ? cluster : cluster.substring(0, query);
        url = base.substring(0, base.lastIndexOf('/') + 1) + DATABASE + (query < 0 ? "" : cluster.substring(query));
        // one audit key and one checkpoint file for both nodes (the chain is one; see docs/operations-two-nodes.md)
        Path shared = Path.of(System.getProperty("openikfz.it.work")).resolve("two-nodes-shared").toAbsolutePath();
        RunningDistribution.deleteRecursively(shared);
        Files.createDirectories(shared);
        a = RunningDistribution.start("node-a", home -> node(home, "node-a", shared));
        String simulators = "http://127.0.0.1:" + Files.readString(a.home.resolve("etc/org.openikfz.simulator.http.cfg")).replaceAll("\\D", "");
        b = RunningDistribution.start("node-b", home -> {
            node(home, "node-b", shared);
            // one set of external systems: node B's transfer receivers pass every message to node A's simulators
            Files.writeString(home.resolve("etc/framework.properties"), "\nopenikfz.simulator.transfersTo=" + simulators + "\n",
                    StandardOpenOption.APPEND);
        });
    }

    /** A node's configuration: the shared database, audit key and checkpoints; short periods; the clock fixture. */
    private static void node(Path home, String id, Path shared) throws Exception {
        Path etc = home.resolve("etc");
        Files.writeString(etc.resolve("org.openikfz.store.cfg"), "url=" + url + "\nuser=" + user + "\n.password=" + password
                + "\naudit.keyFile=" + shared.resolve("audit.key") + "\naudit.checkpointFile=" + shared.resolve("checkpoints.log") + "\n");
        // the district's authority stays; these keys are added
        org.openikfz.it.EtcFiles.configure(home, "org.openikfz.core", "node.id=" + id + "\nhousekeeping.period=200\noutbox.leaseSeconds=10\n"
                + "outbox.claimSize=20\noutbox.lanes=" + LANES + "\n");
        // the KBA's answers in slow mode take a while: node B is killed while it is sending to the KBA
        Files.writeString(etc.resolve("org.openikfz.simulator.kba.cfg"), "mode=normal\nslow.delay=1500\n");
        Files.writeString(etc.resolve("org.openikfz.testfixture.clock.cfg"), "aheadMinutes=0\n");
        Path clock = Path.of(System.getProperty("openikfz.fixture.clock"));
        Files.copy(clock, home.resolve("deploy").resolve(clock.getFileName()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void eachTransferLetterAndDeletionHappensOnceWhenANodeIsKilled() throws Exception {
        Api apiA = new Api(a);
        Api apiB = new Api(b);
        List<String> decided = new ArrayList<>();
        List<String> abandoned = new ArrayList<>();
        int vehicles = 0;
        for (Api api : List.of(apiA, apiB)) {
            for (int i = 0; i < DECIDED_PER_NODE; i++) {
                // a vehicle of its own for each decision: one application at a time per vehicle
                int vehicle = ++vehicles;
                api.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-TN+" + vehicle + "&fin=WVWZZZ1JZXW8000" + String.format("%02d", vehicle)
                        + "&zb1=Ab3De4F&plaketten=K7m,P2x");
                JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
                String path = "/api/v1/applications/" + created.path("id").asText();
                String token = created.path("token").asText();
                api.call("PUT", path + "/answers", token, DemoAnswers.abmelden("ERZ-TN " + vehicle, "K7m", "P2x", "Ab3De4F"), 200);
                assertEquals("AWAITING_PAYMENT", api.call("POST", path + "/verify", token, null, 200).path("state").asText());
                api.payAndSubmit(path, token, "DECIDED");
                decided.add(created.path("id").asText());
            }
            for (int i = 0; i < ABANDONED_PER_NODE; i++) {
                JsonNode created = api.call("POST", "/api/v1/applications", null, Map.of("procedure", "ausserbetriebsetzung"), 201);
                api.call("PUT", "/api/v1/applications/" + created.path("id").asText() + "/answers", created.path("token").asText(),
                        Api.abmelden("Ab3De4F"), 200);
                abandoned.add(created.path("id").asText());
            }
        }

        // the KBA answers slowly; then 31 minutes pass on both nodes: the decision windows close (FZV § 23), nobody
        // retrieved the decisions, so they are mailed and transferred; the abandoned dialogs are deleted (§ 19(1) S. 6)
        apiA.simulator("/kba/admin/mode", "mode=slow");
        for (RunningDistribution node : List.of(a, b)) {
            Files.writeString(node.home.resolve("etc/org.openikfz.testfixture.clock.cfg"), "aheadMinutes=31\n");
        }

        // kill -9 node B while it sends to the KBA: it holds KBA messages (each takes the KBA 1.5 s), and the KBA has taken
        // some already. More held than B has lanes: between this look and the kill B may finish those it is sending, not all
        await("node B sends to the KBA", Duration.ofSeconds(60),
                () -> count("SELECT COUNT(*) FROM outbox WHERE claimed_by = 'node-b' AND destination = 'kba' AND claimed_until > now()"
                        + " AND delivered_at IS NULL") > LANES
                        && count("SELECT COUNT(*) FROM outbox WHERE destination = 'kba' AND delivered_at IS NOT NULL") >= 1);
        b.kill();
        // what node B was sending at the kill: acknowledged or not, it never marked them; node A sends them once B's claim lapsed
        Set<Long> inFlight = ids("SELECT id FROM outbox WHERE claimed_by = 'node-b' AND delivered_at IS NULL");
        apiA.simulator("/kba/admin/mode", "mode=normal");

        await("node A delivered everything and completed every case", Duration.ofSeconds(60),
                () -> count("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") == 0
                        && count("SELECT COUNT(*) FROM application WHERE state NOT IN ('COMPLETED', 'ABORTED_DELETED')") == 0);

        // every message once at its receiver (the receivers' own records hide a repeated delivery; their counts do not)
        Map<Long, Integer> deliveries = new HashMap<>();
        for (String system : List.of("kba", "fachverfahren", "post")) {
            for (JsonNode d : Api.JSON.readTree(apiA.simulator("/" + system + "/admin/deliveries", null))) {
                deliveries.merge(d.path("messageId").asLong(), d.path("deliveries").asInt(), Integer::sum);
            }
        }
        Map<String, Integer> byDestination = new TreeMap<>();
        List<String> twice = new ArrayList<>();
        Map<String, Integer> repeatedTo = new TreeMap<>();
        Map<String, Integer> perCase = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, application_id, destination FROM outbox ORDER BY id")) {
            while (r.next()) {
                long id = r.getLong(1);
                String destination = r.getString(3);
                int n = deliveries.getOrDefault(id, 0);
                byDestination.merge(destination, 1, Integer::sum);
                perCase.merge(r.getString(2) + " " + destination, 1, Integer::sum);
                assertTrue(n >= 1, "message " + id + " to " + destination + " was never delivered");
                if (n > 1) {
                    twice.add(id + " to " + destination + " (" + n + " times)");
                    assertTrue(n == 2 && inFlight.contains(id), "only a message node B held at the kill may come twice: " + id);
                    repeatedTo.merge(destination, 1, Integer::sum);
                }
            }
        }
        // a node marks each message as soon as its receiver acknowledged it: the kill can catch at most the one message
        // per lane of a destination between the receiver's acknowledgement and that commit
        assertTrue(repeatedTo.values().stream().allMatch(n -> n <= LANES),
                "at most one message per lane of a destination delivered twice (node B had " + inFlight + " in flight at the kill): "
                        + twice);
        System.out.printf("TwoNodesIT: %d messages %s; node B held %d at the kill, of which %d reached their receiver twice%n",
                byDestination.values().stream().mapToInt(Integer::intValue).sum(), byDestination, inFlight.size(),
                inFlight.stream().filter(id -> deliveries.getOrDefault(id, 0) > 1).count());
        int cases = decided.size();
        assertEquals(cases, byDestination.get("fachverfahren"), "one transfer per case to the Fachverfahren: " + byDestination);
        assertEquals(cases, byDestination.get("kba"), "one transfer per case to the KBA: " + byDestination);
        for (String id : decided) {
            assertEquals(1, perCase.get(id + " fachverfahren"), id);
            assertEquals(1, perCase.get(id + " kba"), id);
            assertTrue(perCase.getOrDefault(id + " post", 0) >= 1, "the mailed decision: " + id);
        }
        assertTrue(!inFlight.isEmpty(), "node B held messages at the kill");

        // the deadlines' work once per case: queued for transfer once, mailed once, its dialog data deleted once
        Map<String, Integer> events = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT application_id, event_type, COUNT(*) FROM audit_event WHERE event_type IN ('TRANSFER_QUEUED', 'MAILED',"
                        + " 'DATA_DELETED') GROUP BY application_id, event_type")) {
            while (r.next()) {
                events.put(r.getString(1) + " " + r.getString(2), r.getInt(3));
            }
        }
        for (String id : decided) {
            for (String type : List.of("TRANSFER_QUEUED", "MAILED", "DATA_DELETED")) {
                assertEquals(1, events.get(id + " " + type), type + " of " + id + ": " + events);
            }
        }
        for (String id : abandoned) {
            assertEquals(1, events.get(id + " DATA_DELETED"), "the abandoned dialog's deletion, once: " + id);
        }
        assertEquals(0, count("SELECT COUNT(*) FROM application WHERE dialog_data IS NOT NULL"), "no dialog data left");
        assertEquals(abandoned.size(), count("SELECT COUNT(*) FROM application WHERE state = 'ABORTED_DELETED'"));

        // one audit chain, sealed by both nodes: intact
        b.close();
        a.close();
        Process verify = new ProcessBuilder(a.home.resolve("bin/openikfz").toString(), "audit-verify").directory(a.home.toFile())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes());
        assertEquals(0, verify.waitFor(), output);
        assertTrue(output.startsWith("Audit trail intact:"), output);
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static long count(String query) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static Set<Long> ids(String query) throws java.sql.SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    /** Environment (or system property); blank and unexpanded Maven expressions count as unset. */
    private static String env(String name, String fallback) {
        for (String v : new String[] {System.getProperty(name), System.getenv(name)}) {
            if (v != null && !v.isBlank() && !v.startsWith("${")) {
                return v.strip();
            }
        }
        return fallback;
    }
}

package org.openikfz.it.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.it.Platform;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.Case;
import org.openikfz.store.api.CaseDecision;
import org.openikfz.store.api.StoreActivity;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Automated Außerbetriebsetzung decisions per second through the engine (open, answer, verify
 * against the KBA simulator, start payment, submit), against the same number of plain JDBC
 * insert+commit transactions on the same database, measured in the same run: one after each
 * decision, and the same number again in a tight loop afterwards. Also prints what one HTTP round
 * trip to the simulators costs in plain commits (the citizen's payment click, outside the engine's
 * time: the embedded simulators answer the engine in-process), the SQL statements and
 * commits per decision, and the idle housekeeping's queries. Prints figures; asserts nothing about speed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class H2DecisionBenchmark {

    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 50);

    @Inject
    protected BundleContext context;
    @Inject
    protected ApplicationService engine;
    @Inject
    protected ApplicationStore store;

    private Driver driver;
    /** The time of the last payment click: one HTTP round trip to a simulator. */
    private long lastClick;
    /** The calling thread's CPU time in the engine, summed over the measured decisions (the payment click not counted). */
    private long engineCpu;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

    @org.junit.Before
    public void driver() {
        driver = new Driver(context);
    }

    @Configuration
    public Option[] config() throws Exception {
        Map<String, String> config = new HashMap<>(storeConfig());
        config.put("org.openikfz.simulator.http", "port=" + Platform.freePort() + "\n");
        return OptionUtils.combine(Platform.options(name(), config),
                systemProperty("benchmark.decisions").value(System.getProperty("benchmark.decisions", "500")),
                systemProperty("benchmark.warmup").value(System.getProperty("benchmark.warmup", "50")));
    }

    protected String name() {
        return "benchmark-h2";
    }

    /** Extra store configuration (none: the embedded H2 default). */
    protected Map<String, String> storeConfig() {
        return Map.of();
    }

    protected String database() {
        return "H2";
    }

    /** The same database the store uses, for the plain JDBC baseline. */
    protected DataSource baselineDataSource() throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + System.getProperty("openikfz.home") + "/data/openikfz;WRITE_DELAY=0");
        ds.setUser("sa");
        return ds;
    }

    @Test
    public void decisionsPerSecondAgainstPlainJdbcCommits() throws Exception {
        int n = Integer.getInteger("benchmark.decisions", 500);
        for (int i = 1; i <= n + WARMUP; i++) {
            driver.simulator("/kba/admin/vehicles", "kennzeichen=ERZ-B+" + i + "&fin=WVWZZZ1JZXW" + String.format("%06d", i)
                    + "&zb1=Ab3De4F&plaketten=K7m,P2x");
        }
        long[] decisions = new long[n];
        long[] commits = new long[n];
        long[] roundTrips = new long[n];
        long[] tight = new long[n];
        long[] replays = new long[n];
        long[] replayCommits = new long[n];
        long replayCpu = 0;
        StoreActivity dialogs;
        long writtenBefore;
        long writtenRun;
        double writtenPerCommit;
        double writtenReplayed;
        long start;
        long runNanos;
        // the baseline runs interleaved with the decisions, one plain commit after each decision, so both
        // see the same database (its size, the store's background jobs, the JIT) at the same moments
        try (Connection c = baselineDataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_baseline");
                s.execute("CREATE TABLE bench_baseline (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_baseline (id, payload) VALUES (?, ?)")) {
                for (int i = 1; i <= WARMUP; i++) {
                    decide(i);
                    plainCommit(c, insert, i);
                }
                // the housekeeping is idle during the run (nothing is due for 30 minutes), so what the store
                // counts is the dialogs' work, the idle housekeeping rounds (measured below) subtracted
                StoreActivity before = store.activity();
                engineCpu = 0;
                writtenBefore = bytesWritten(c);
                start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    decisions[i] = decide(WARMUP + 1 + i);
                    roundTrips[i] = lastClick;
                    commits[i] = plainCommit(c, insert, WARMUP + 1 + i);
                }
                runNanos = System.nanoTime() - start;
                dialogs = store.activity().minus(before);
                writtenRun = bytesWritten(c) - writtenBefore;
            }
            // the same commits once more in a tight loop right after the run: the best case for plain JDBC
            // (its code and pages hot), the figure this benchmark printed before the baseline was interleaved
            long writtenTight = bytesWritten(c);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_baseline (id, payload) VALUES (?, ?)")) {
                for (int i = 0; i < n; i++) {
                    tight[i] = plainCommit(c, insert, WARMUP + n + 1 + i);
                }
            }
            writtenPerCommit = (bytesWritten(c) - writtenTight) / (double) n;
            // the decision's own SQL replayed by plain JDBC, each replay followed by a plain commit as in the run
            long writtenReplay = bytesWritten(c);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_baseline (id, payload) VALUES (?, ?)");
                    DecisionReplay replay = new DecisionReplay(c, sequence(), leaseWritten())) {
                for (int i = 0; i < n; i++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    replays[i] = replay.decision(i);
                    replayCpu += threads.getCurrentThreadCpuTime() - cpu;
                    replayCommits[i] = plainCommit(c, insert, WARMUP + 2 * n + 1 + i);
                }
            }
            writtenReplayed = (bytesWritten(c) - writtenReplay - n * writtenPerCommit) / n;
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_baseline");
            }
        }
        long engineWall = Arrays.stream(decisions).sum();
        IdleRound idle = idleHousekeeping(Math.max(0, IDLE_CASES - n - WARMUP));
        double runSeconds = (runNanos - Arrays.stream(commits).sum()) / 1e9;
        double statementsPerDecision = (dialogs.statements() - idle.statementsPerSecond() * runSeconds) / n;
        double commitsPerDecision = (dialogs.commits() - idle.commitsPerSecond() * runSeconds) / n;

        long jdbcWall = Arrays.stream(commits).sum();
        double decisionsPerSecond = n / (engineWall / 1e9);
        double commitsPerSecond = n / (jdbcWall / 1e9);
        System.out.printf("%n== Open i-Kfz benchmark on %s: %d automated Außerbetriebsetzung decisions (after %d warm-up) ==%n",
                database(), n, WARMUP);
        System.out.printf("engine:     %8.1f decisions/s   latency p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (wall %d ms)%n",
                decisionsPerSecond, p(decisions, 50), p(decisions, 95), p(decisions, 99), runNanos / 1_000_000);
        System.out.printf("plain JDBC: %8.1f commits/s     latency p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (one after each decision)%n",
                commitsPerSecond, p(commits, 50), p(commits, 95), p(commits, 99));
        System.out.printf("ratio:      one decision costs %.1f plain commits (decisions/s ÷ commits/s = %.3f); %.1f of the tight-loop"
                + " commits (%.1f commits/s, p50 %.2f ms)%n", commitsPerSecond / decisionsPerSecond, decisionsPerSecond / commitsPerSecond,
                engineWall / (double) Arrays.stream(tight).sum(), n / (Arrays.stream(tight).sum() / 1e9), p(tight, 50));
        double replayRatio = Arrays.stream(replays).sum() / (double) Arrays.stream(replayCommits).sum();
        // measured after the run, in a phase of its own (the database larger, no engine threads): compare the two
        // ratios, each taken within its phase, not the milliseconds
        System.out.printf("floor:      the decision's own SQL alone (its %d statements, a draw of the sequence every 16th, and %d commits, replayed by plain JDBC on the same"
                + " tables, each replay followed by a plain commit, after the run) costs %.1f plain commits (p50 %.2f ms against %.2f ms),"
                + " the decision through the engine %.1f%n", DecisionReplay.STATEMENTS, leaseWritten() ? 6 : 5, replayRatio, p(replays, 50), p(replayCommits, 50),
                commitsPerSecond / decisionsPerSecond);
        // CPU time on the calling thread: on H2 the database works on it too (statements, commits); what the machine's
        // other load, the other threads and waits add to the wall time is not in it
        System.out.printf("cpu:        %.3f ms of the calling thread's CPU per decision through the engine (%.0f %% of its time),"
                + " %.3f ms for the decision's own SQL replayed%n", engineCpu / 1e6 / n, 100.0 * engineCpu / engineWall, replayCpu / 1e6 / n);
        System.out.printf("trip:       one HTTP request to a simulator (the citizen's payment click, not in the engine's time) costs %.1f"
                + " plain commits; the engine asks the embedded simulators in-process (register query, payment order and status are"
                + " method calls, no HTTP)%n", Arrays.stream(roundTrips).sum() / (double) jdbcWall);
        System.out.printf("database:   %.1f SQL statements and %.1f commits per decision (the whole dialog: open, answer, verify, pay, submit)%n",
                statementsPerDecision, commitsPerDecision);
        if (writtenPerCommit > 0) {
            System.out.printf("written:    %.1f KiB per decision (its share of the run's %.1f MiB, the audit sealing included), %.2f KiB per"
                    + " plain commit (tight loop): one decision writes as much as %.0f plain commits; %.1f KiB per decision's own SQL"
                    + " replayed%n", (writtenRun - n * writtenPerCommit) / n / 1024, writtenRun / 1048576.0, writtenPerCommit / 1024,
                    (writtenRun - n * writtenPerCommit) / n / writtenPerCommit, writtenReplayed / 1024);
        } else {
            // PostgreSQL counts its WAL in statistics it publishes now and then: a run's total is right, a few commits' is not
            System.out.printf("written:    %.1f MiB in the run (%.1f KiB per decision and plain commit); the database reports its"
                    + " writes too late to tell a plain commit's%n", writtenRun / 1048576.0, writtenRun / 1024.0 / n);
        }
        System.out.printf("idle:       %.1f queries/s and %.1f commits/s of housekeeping with %d cases in their decision window%n%n",
                idle.statementsPerSecond(), idle.commitsPerSecond(), idle.cases());
        assertTrue(n > 0);
    }

    /** Cases in their decision window while the idle housekeeping is measured (the figure). */
    private static final int IDLE_CASES = 10_000;
    private static final int IDLE_SECONDS = 10;

    private record IdleRound(int cases, double statementsPerSecond, double commitsPerSecond) {
    }

    /**
     * Adds decided cases still in their 30-minute window (as the dialogs above leave them) until
     * {@link #IDLE_CASES} are, then counts what the housekeeping sends to the database while nothing
     * is due, over {@link #IDLE_SECONDS} seconds.
     */
    private IdleRound idleHousekeeping(int more) throws Exception {
        java.time.Instant now = java.time.Instant.now();
        for (int i = 0; i < more; i++) {
            java.time.Instant offeredUntil = now.plus(java.time.Duration.ofMinutes(30));
            Case decided = Case.open(java.util.UUID.randomUUID(), "ausserbetriebsetzung", "1", "ERZ", "DECIDED", 3, null, offeredUntil)
                    .withDecision(new CaseDecision("ERZ-2026-B" + i, true, true, now, offeredUntil, null, null, null, null));
            store.insertCase(decided);
        }
        int cases = more + Integer.getInteger("benchmark.decisions", 500) + WARMUP;
        StoreActivity before = store.activity();
        long t0 = System.nanoTime();
        Thread.sleep(IDLE_SECONDS * 1000L);
        StoreActivity idle = store.activity().minus(before);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new IdleRound(cases, idle.statements() / seconds, idle.commits() / seconds);
    }

    /** One automated decision through the engine; returns the engine's time (the simulated payment click excluded). */
    private long decide(int vehicle) throws Exception {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ApplicationRef ref = engine.open(new ProcedureId("ausserbetriebsetzung"), null);
        Map<String, String> answers = Driver.abmelden("ERZ-B " + vehicle);
        assertEquals(Map.of(), engine.answer(ref, answers));
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(ref).state());
        URI page = engine.startPayment(ref, URI.create("http://127.0.0.1/back"));
        long engineTime = System.nanoTime() - t0;
        engineCpu += threads.getCurrentThreadCpuTime() - cpu0;
        long click = System.nanoTime();
        driver.simulator("/epayment/admin/payments/" + page.getPath().substring(page.getPath().lastIndexOf('/') + 1) + "/pay", "");
        long cpu1 = threads.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        lastClick = t1 - click;
        assertEquals(ApplicationState.DECIDED, engine.submit(ref).state());
        engineCpu += threads.getCurrentThreadCpuTime() - cpu1;
        return engineTime + (System.nanoTime() - t1);
    }

    /** Whether the verification writes its lease into the case (a database other processes share) or holds it in memory. */
    protected boolean leaseWritten() {
        return false;
    }

    /** The SQL that draws the next number of the decision references' sequence. */
    protected String sequence() {
        return "SELECT NEXT VALUE FOR decision_number FROM SYSTEM_RANGE(1, 16)";
    }

    /** What the database has written so far, in bytes: the H2 file's writes. */
    protected long bytesWritten(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'")) {
            return r.next() ? Long.parseLong(r.getString(1)) : 0;
        }
    }

    /** One plain JDBC insert and commit on the store's database; returns its time. */
    private static long plainCommit(Connection c, PreparedStatement insert, long id) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        insert.setLong(1, id);
        insert.setString(2, "application " + id);
        insert.executeUpdate();
        c.commit();
        return System.nanoTime() - t0;
    }

    private static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}

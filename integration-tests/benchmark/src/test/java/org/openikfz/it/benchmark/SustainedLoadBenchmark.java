package org.openikfz.it.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.it.Platform;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * Sustained load on H2 ({@code scripts/benchmark.sh --sustained N}): N automated Außerbetriebsetzung
 * decisions by 8 clients at full speed, then the 30-minute decision windows close for all of them at
 * once (a clock service moved forward) and the background work transfers them, mails the printouts,
 * and deletes their dialog data. Prints decisions/s, transfers drained/s, and the H2 file's size per
 * completed application. Asserts only that every application completed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SustainedLoadBenchmark {

    private static final int CLIENTS = 8;
    private static final String[] SERIES = {"A", "C", "D", "F", "G", "H", "K", "L", "M", "N"};

    @Inject
    protected BundleContext context;
    @Inject
    protected ApplicationService engine;

    private Driver driver;

    @org.junit.Before
    public void driver() {
        driver = new Driver(context);
    }

    @Configuration
    public Option[] config() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.openikfz.simulator.http", "port=" + Platform.freePort() + "\n");
        return OptionUtils.combine(Platform.options("benchmark-sustained", config),
                systemProperty("benchmark.sustained").value(System.getProperty("benchmark.sustained", "0")));
    }

    @Test
    public void transfersDrainAsFastAsDecisionsAreMade() throws Exception {
        int n = Integer.getInteger("benchmark.sustained", 0);
        assumeTrue("run with scripts/benchmark.sh --sustained N", n > 0);
        Movable clock = new Movable(Instant.now());
        Hashtable<String, Object> ranking = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 100));
        var registration = context.registerService(Clock.class, clock, ranking);
        try {
            for (int i = 0; i < n; i++) {
                driver.simulator("/kba/admin/vehicles", "kennzeichen=" + plate(i).replace(" ", "+") + "&fin=WVWZZZ1JZXS" + String.format("%06d", i)
                        + "&zb1=Ab3De4F&plaketten=K7m,P2x");
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long t0 = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    int decided = 0;
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        decide(i);
                        decided++;
                    }
                    return decided;
                }));
            }
            int decided = 0;
            for (Future<Integer> f : done) {
                decided += f.get();
            }
            clients.shutdown();
            double decideSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(n, decided);
            long beforeDrain = fileSize();

            // the windows close for all at once: transfer, printout, deletion of the dialog data
            clock.advance(Duration.ofMinutes(31));
            long t1 = System.nanoTime();
            long completed = 0;
            while (completed < n && System.nanoTime() - t1 < Duration.ofMinutes(30).toNanos()) {
                Thread.sleep(500); // a load driver polling a figure, not a test waiting for a condition
                completed = count("SELECT COUNT(*) FROM application WHERE state = 'COMPLETED'");
            }
            double drainSeconds = (System.nanoTime() - t1) / 1e9;
            assertEquals("every application completed", n, completed);
            long dataLeft = count("SELECT COUNT(*) FROM application WHERE dialog_data IS NOT NULL");
            long afterDrain = fileSize();
            // the platform's own housekeeping goes on (it compacts the H2 file each second): the size it settles at,
            // once it has not shrunk for twenty seconds (two minutes at most)
            long settled = afterDrain;
            long t2 = System.nanoTime();
            long lastShrink = t2;
            while (System.nanoTime() - lastShrink < 20_000_000_000L && System.nanoTime() - t2 < 120_000_000_000L) {
                Thread.sleep(1000); // a load driver sampling a figure
                long now = fileSize();
                if (now < settled) {
                    settled = now;
                    lastShrink = System.nanoTime();
                }
            }
            double settleSeconds = (lastShrink - t2) / 1e9;
            System.out.printf("%n== Open i-Kfz sustained load on H2: %d automated decisions by %d clients ==%n", n, CLIENTS);
            System.out.printf("decisions:  %8.1f decisions/s (%d in %.1f s, payment included)%n", n / decideSeconds, n, decideSeconds);
            System.out.printf("transfers:  %8.1f applications/s transferred and completed after their windows closed (%d in %.1f s)%n",
                    n / drainSeconds, n, drainSeconds);
            System.out.printf("drain:      transfers %s as fast as decisions are made (%.2f×)%n",
                    n / drainSeconds >= n / decideSeconds ? "at least" : "NOT", (n / drainSeconds) / (n / decideSeconds));
            System.out.printf("H2 file:    %.1f KB per completed application once the housekeeping settled it (%.1f MB for %d, %.0f s after"
                    + " the drain; %.1f MB right after it, %.1f MB before the transfers); %d dialog data items left%n%n",
                    settled / 1024.0 / n, settled / 1024.0 / 1024.0, n, settleSeconds, afterDrain / 1024.0 / 1024.0,
                    beforeDrain / 1024.0 / 1024.0, dataLeft);
            assertEquals("no dialog data left", 0, dataLeft);
        } finally {
            registration.unregister();
        }
    }

    private static String plate(int i) {
        return "ERZ-" + SERIES[i / 9999] + " " + (i % 9999 + 1);
    }

    private void decide(int vehicle) throws Exception {
        ApplicationRef ref = engine.open(new ProcedureId("ausserbetriebsetzung"), null);
        Map<String, String> answers = Driver.abmelden(plate(vehicle));
        assertEquals(Map.of(), engine.answer(ref, answers));
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(ref).state());
        URI page = engine.startPayment(ref, URI.create("http://127.0.0.1/back"));
        driver.simulator("/epayment/admin/payments/" + page.getPath().substring(page.getPath().lastIndexOf('/') + 1) + "/pay", "");
        assertEquals(ApplicationState.DECIDED, engine.submit(ref).state());
    }

    private Path database() {
        return Path.of(System.getProperty("openikfz.home"), "data", "openikfz.mv.db");
    }

    private long fileSize() throws Exception {
        return Files.size(database());
    }

    private Connection connection() throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + System.getProperty("openikfz.home") + "/data/openikfz");
        ds.setUser("sa");
        return ds.getConnection();
    }

    private long count(String query) throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }


    /** The engine's clock, moved forward by the benchmark (a clock service outranking the system's). */
    private static final class Movable extends Clock {
        private final long started = System.nanoTime();
        private volatile Instant now;

        Movable(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            // time goes on from the moved instant, so deadlines computed during the run lie ahead
            return now.plusNanos(System.nanoTime() - started);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }
    }
}

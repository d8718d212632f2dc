package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureId;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The probes and the metrics on the machine API's ingress, as a load balancer, Kubernetes and
 * Prometheus see them: {@code /health/live}, {@code /health/ready} following the store and the
 * procedures the district offers ({@code district.procedures}), and {@code /metrics} after an
 * automated decision, read as a scraper reads the text format.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperationsIT {

    private static final ProcedureId ABMELDEN = new ProcedureId("ausserbetriebsetzung");
    private static final String PLATE = "ERZ-AB 123"; // demo vehicle of the KBA simulator
    private static final String ZB1 = "Ab3De4F";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    private BundleContext context;

    private final HttpClient http = HttpClient.newHttpClient();
    private Simulators simulators;
    private Simulators.MovableClock clock;
    private ServiceRegistration<Clock> clockRegistration;
    private ServiceTracker<ApplicationService, ApplicationService> engines;

    @Configuration
    public Option[] config() throws IOException {
        return Platform.options("operations", Map.of(
                "org.openikfz.simulator.http", "port=" + Platform.freePort() + "\n",
                // as the lead's district descriptor will write it: the procedures this district offers
                "org.openikfz.core", "housekeeping.period=100\ndistrict.procedures=ausserbetriebsetzung,umschreibung\n"));
    }

    @Before
    public void setUp() throws Exception {
        engines = new ServiceTracker<>(context, ApplicationService.class, null);
        engines.open();
        simulators = new Simulators(context);
        clock = new Simulators.MovableClock(Instant.now());
        clockRegistration = clock.register(context);
        simulators.post("/kba/admin/mode", "mode=normal");
        simulators.post("/kba/admin/vehicles", "kennzeichen=" + PLATE.replace(" ", "+") + "&fin=WVWZZZ1JZXW000001&zb1=" + ZB1
                + "&plaketten=K7m,P2x");
    }

    @After
    public void tearDown() {
        clockRegistration.unregister();
        engines.close();
    }

    @Test
    public void readinessFollowsTheStoreAndTheDistrictsProcedures() throws Exception {
        waitFor("ready at the start", () -> get("/health/ready").statusCode() == 200);
        assertEquals("{\"status\":\"READY\"}", get("/health/ready").body());
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("{\"status\":\"UP\"}", live.body());

        // the store stopped: not ready, and it says so by name only; the process is still alive
        Bundle store = bundle("org.openikfz.store");
        store.stop();
        try {
            waitFor("not ready without the store", () -> get("/health/ready").statusCode() == 503);
            String body = get("/health/ready").body();
            assertTrue(body, body.startsWith("{\"status\":\"NOT_READY\",\"notReady\":[") && body.contains("{\"part\":\"store\"}"));
            assertFalse("no error texts or stack traces: " + body, body.contains("Exception") || body.contains("at org."));
            assertEquals(200, get("/health/live").statusCode());
        } finally {
            store.start();
        }
        waitFor("ready again with the store", () -> get("/health/ready").statusCode() == 200);

        // a procedure the district offers goes away: not ready, naming it; back: ready
        Bundle umschreibung = bundle("org.openikfz.procedure.umschreibung");
        umschreibung.stop();
        try {
            // (waited for as a whole: right after the store's restart a job may still report its first, failed run)
            waitFor("not ready, naming umschreibung only", () -> get("/health/ready").body()
                    .equals("{\"status\":\"NOT_READY\",\"notReady\":[{\"part\":\"procedure\",\"name\":\"umschreibung\"}]}"));
            assertEquals(503, get("/health/ready").statusCode());
        } finally {
            umschreibung.start();
        }
        waitFor("ready again with umschreibung", () -> get("/health/ready").statusCode() == 200);

        // a procedure the district does not offer may come and go as it likes
        Bundle wiederzulassung = bundle("org.openikfz.procedure.wiederzulassung");
        wiederzulassung.stop();
        try {
            waitFor("wiederzulassung gone", () -> procedures().stream().noneMatch(p -> p.description().id().value().equals("wiederzulassung")));
            assertEquals("ready without a procedure the district does not offer", 200, get("/health/ready").statusCode());
        } finally {
            wiederzulassung.start();
        }
    }

    private List<Procedure> procedures() {
        ServiceTracker<Procedure, Procedure> tracker = new ServiceTracker<>(context, Procedure.class, null);
        tracker.open();
        try {
            return List.copyOf(tracker.getTracked().values());
        } finally {
            tracker.close();
        }
    }

    @Test
    public void metricsCountAnAutomatedDecisionWithItsChecksAndTransfers() throws Exception {
        waitFor("ready", () -> get("/health/ready").statusCode() == 200);
        List<Sample> before = scrape();
        double decisionsBefore = valueOr0(before, "openikfz_decisions_total",
                Map.of("procedure", "ausserbetriebsetzung", "by", "automated", "outcome", "approved"));
        Procedure procedure = procedures().stream().filter(p -> p.description().id().equals(ABMELDEN)).findFirst().orElseThrow();
        List<CheckId> checks = procedure.description().checks();
        assertFalse("the procedure has checks", checks.isEmpty());

        ApplicationRef ref = decided();

        List<Sample> after = scrape();
        assertEquals("one automated decision more", decisionsBefore + 1, value(after, "openikfz_decisions_total",
                Map.of("procedure", "ausserbetriebsetzung", "by", "automated", "outcome", "approved")), 0);
        for (CheckId check : checks) {
            Map<String, String> clear = Map.of("check", check.value(), "result", "clear");
            assertEquals("check " + check + " called once more, clear", valueOr0(before, "openikfz_checks_total", clear) + 1,
                    value(after, "openikfz_checks_total", clear), 0);
            Map<String, String> latency = Map.of("check", check.value());
            assertEquals("its latency observed", valueOr0(before, "openikfz_check_duration_seconds_count", latency) + 1,
                    value(after, "openikfz_check_duration_seconds_count", latency), 0);
            assertTrue(value(after, "openikfz_check_duration_seconds_sum", latency) > 0);
        }
        // the store's counts are cached for a few seconds: the decided application shows once the cache is renewed
        waitFor("the decided application counted", () -> valueOr0(scrapeQuietly(), "openikfz_applications",
                Map.of("procedure", "ausserbetriebsetzung", "state", "DECIDED")) >= 1);

        // the decision window closes: the transfers are queued and delivered by the outbox to the simulators
        clock.advance(Duration.ofMinutes(31));
        waitFor("transferred", () -> engines.getService().status(ref).state() == ApplicationState.COMPLETED);
        List<Sample> transferred = scrape();
        for (String destination : List.of("fachverfahren", "kba")) {
            Map<String, String> delivered = Map.of("destination", destination, "result", "delivered");
            assertTrue(destination + " delivered", value(transferred, "openikfz_transfers_total", delivered) >= 1);
            assertTrue(value(transferred, "openikfz_transfer_duration_seconds_count", Map.of("destination", destination)) >= 1);
        }
        waitFor("the outbox counted empty again", () -> valueOr0(scrapeQuietly(), "openikfz_outbox_pending", Map.of("destination", "kba")) == 0);

        // the jobs, the store, readiness and the JVM
        List<Sample> now = scrape();
        double outboxAge = value(now, "openikfz_job_last_success_age_seconds", Map.of("job", "outbox"));
        assertTrue("outbox completed a run since the start: " + outboxAge, outboxAge >= 0
                && outboxAge <= value(now, "openikfz_uptime_seconds", Map.of()));
        assertEquals(1, value(now, "openikfz_job_healthy", Map.of("job", "outbox")), 0);
        assertEquals(1, value(now, "openikfz_store_up", Map.of()), 0);
        assertEquals(1, value(now, "openikfz_ready", Map.of()), 0);
        assertEquals(1, value(now, "openikfz_procedure_deployed", Map.of("procedure", "umschreibung")), 0);
        assertTrue(value(now, "jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(value(now, "jvm_threads_current", Map.of()) > 0);
        assertTrue(value(now, "process_cpu_seconds_total", Map.of()) > 0);
        assertTrue(value(now, "openikfz_uptime_seconds", Map.of()) > 0);
        assertTrue("garbage collectors", now.stream().anyMatch(s -> s.name().equals("jvm_gc_collection_seconds_count")));

        // nothing of the application: no plate, no security code, no application id
        String text = get("/metrics").body();
        for (String personal : List.of(PLATE, ZB1, ref.id().toString(), "WVWZZZ1JZXW000001")) {
            assertFalse(personal + " in /metrics", text.contains(personal));
        }
    }

    /**
     * A background job turns faulty (here the outbox: the KBA's connector throws an Error): not ready,
     * naming the job and not its error; the metrics show the failed deliveries. The cause gone, ready again.
     */
    @Test
    public void readinessNamesAFaultyJobWithoutItsError() throws Exception {
        waitFor("ready", () -> get("/health/ready").statusCode() == 200);
        org.openikfz.api.connector.TransferTarget failing = new org.openikfz.api.connector.TransferTarget() {
            @Override
            public String destination() {
                return org.openikfz.api.connector.TransferTarget.KBA;
            }

            @Override
            public void deliver(org.openikfz.api.connector.TransferMessage message) {
                throw new OutOfMemoryError("simulated by the test");
            }
        };
        ServiceRegistration<org.openikfz.api.connector.TransferTarget> registration =
                context.registerService(org.openikfz.api.connector.TransferTarget.class, failing, null);
        try {
            decided();
            clock.advance(Duration.ofMinutes(31));
            waitFor("not ready, naming the outbox job", () -> get("/health/ready").body().contains("{\"part\":\"job\",\"name\":\"outbox\"}"));
            HttpResponse<String> notReady = get("/health/ready");
            assertEquals(503, notReady.statusCode());
            assertFalse("no error text: " + notReady.body(), notReady.body().contains("simulated") || notReady.body().contains("OutOfMemoryError"));
            List<Sample> samples = scrape();
            assertTrue(value(samples, "openikfz_transfers_total", Map.of("destination", "kba", "result", "failed")) >= 1);
            assertEquals(0, value(samples, "openikfz_ready", Map.of()), 0);
        } finally {
            registration.unregister();
        }
        waitFor("ready again once the connector works", () -> get("/health/ready").statusCode() == 200);
        waitFor("the KBA's messages delivered", () -> valueOr0(scrapeQuietly(), "openikfz_outbox_pending", Map.of("destination", "kba")) == 0);
    }

    @Test
    public void metricsInOpenMetricsWhenAsked() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse(""), response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/openmetrics-text"));
        assertTrue(response.body().endsWith("# EOF\n"));
        HttpResponse<String> plain = get("/metrics");
        assertTrue(plain.headers().firstValue("Content-Type").orElse(""), plain.headers().firstValue("Content-Type").orElse("")
                .startsWith("text/plain; version=0.0.4"));
    }

    // ---- an automated decision, as in AusserbetriebsetzungIT ----

    private ApplicationRef decided() throws Exception {
        ApplicationService engine = engines.waitForService(DEADLINE.toMillis());
        ApplicationRef ref = engine.open(ABMELDEN, null);
        assertEquals(Map.of(), engine.answer(ref, DemoAnswers.abmelden(PLATE, "K7m", "P2x", ZB1)));
        assertEquals(ApplicationState.AWAITING_PAYMENT, engine.verify(ref).state());
        simulators.pay(engine, ref);
        assertEquals(ApplicationState.DECIDED, engine.submit(ref).state());
        return ref;
    }

    // ---- the ingress ----

    private URI api(String path) {
        try {
            var admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
            Object port = admin.getConfiguration("org.openikfz.ui", null).getProperties().get("apiPort");
            return URI.create("http://127.0.0.1:" + port + path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The jobs with their errors, as the operators see them (for a failure's message). */
    private String jobs() {
        var reference = context.getServiceReference(org.openikfz.api.health.PlatformHealth.class);
        return reference == null ? "no engine" : context.getService(reference).jobs().toString();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + DEADLINE.toSeconds() + " s; /health/ready says "
                        + get("/health/ready").body() + "; jobs: " + jobs());
            }
            Thread.sleep(100);
        }
    }

    // ---- the text format, read as a scraper reads it ----

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private List<Sample> scrape() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(response.body(), 200, response.statusCode());
        return parse(response.body());
    }

    private List<Sample> scrapeQuietly() {
        try {
            return scrape();
        } catch (RuntimeException | AssertionError e) {
            return List.of();
        }
    }

    /** The samples of the Prometheus text format 0.0.4: {@code name{label="value",...} value}, comments skipped. */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int i = 0;
            while (line.charAt(i) != '{' && line.charAt(i) != ' ') {
                i++;
            }
            String name = line.substring(0, i);
            Map<String, String> labels = new LinkedHashMap<>();
            if (line.charAt(i) == '{') {
                i++;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String label = line.substring(i, eq).strip();
                    StringBuilder value = new StringBuilder();
                    int j = eq + 2;
                    while (line.charAt(j) != '"') {
                        if (line.charAt(j) == '\\') {
                            j++;
                            value.append(line.charAt(j) == 'n' ? '\n' : line.charAt(j));
                        } else {
                            value.append(line.charAt(j));
                        }
                        j++;
                    }
                    labels.put(label, value.toString());
                    i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
                }
                i++;
            }
            String number = line.substring(i).strip().split(" ")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(number.replace("+Inf", "Infinity"))));
        }
        return samples;
    }

    /** The one sample of that name with these labels (among others); fails when there is none or several. */
    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertEquals(name + labels + " in " + samples.stream().filter(s -> s.name().startsWith(name)).toList(), 1, found.size());
        return found.get(0).value();
    }

    private static double valueOr0(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                ? value(samples, name, labels) : 0;
    }
}

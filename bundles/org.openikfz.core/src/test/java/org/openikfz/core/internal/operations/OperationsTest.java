package org.openikfz.core.internal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openikfz.api.health.JobStatus;
import org.openikfz.api.health.Metrics;
import org.openikfz.api.health.NotReady;
import org.openikfz.api.health.PlatformHealth;
import org.openikfz.core.internal.EngineConfig;
import org.openikfz.core.internal.operations.Observations.CheckOutcome;
import org.openikfz.core.internal.operations.Observations.DecidedBy;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.CaseCount;
import org.openikfz.store.api.StoreInfo;

class OperationsTest {

    /** The engine's registry, which the readiness probe and the metrics ask what is deployed. */
    private final org.openikfz.core.internal.Registry procedures = new org.openikfz.core.internal.Registry();

    private final Telemetry telemetry = new Telemetry();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger countQueries = new AtomicInteger();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);

    @Test
    void metricsCarryWhatTheUnitsReportedWithTheirLabels() throws Exception {
        Operations operations = new Operations(telemetry, procedures, config(), nanos::get);
        operations.setStore(store());
        telemetry.check("zfzr", CheckOutcome.CLEAR, Duration.ofMillis(120));
        telemetry.check("zfzr", CheckOutcome.TIMEOUT, Duration.ofSeconds(20));
        telemetry.check("evb", CheckOutcome.NOT_DEPLOYED, null);
        telemetry.decision("ausserbetriebsetzung", DecidedBy.AUTOMATED, true);
        telemetry.decision("ausserbetriebsetzung", DecidedBy.CLERK, false);
        telemetry.transfer("kba", false, Duration.ofMillis(50));

        List<PrometheusText.Sample> samples = scrape(operations);
        assertEquals(1, PrometheusText.value(samples, "openikfz_decisions_total",
                Map.of("procedure", "ausserbetriebsetzung", "by", "automated", "outcome", "approved")));
        assertEquals(1, PrometheusText.value(samples, "openikfz_decisions_total",
                Map.of("procedure", "ausserbetriebsetzung", "by", "clerk", "outcome", "refused")));
        assertEquals(1, PrometheusText.value(samples, "openikfz_checks_total", Map.of("check", "zfzr", "result", "clear")));
        assertEquals(1, PrometheusText.value(samples, "openikfz_checks_total", Map.of("check", "zfzr", "result", "timeout")));
        assertEquals(1, PrometheusText.value(samples, "openikfz_checks_total", Map.of("check", "evb", "result", "not_deployed")));
        assertEquals(2, PrometheusText.value(samples, "openikfz_check_duration_seconds_count", Map.of("check", "zfzr")));
        assertEquals(20.12, PrometheusText.value(samples, "openikfz_check_duration_seconds_sum", Map.of("check", "zfzr")), 1e-9);
        assertEquals(1, PrometheusText.value(samples, "openikfz_check_duration_seconds_bucket", Map.of("check", "zfzr", "le", "0.25")));
        assertEquals(1, PrometheusText.value(samples, "openikfz_transfers_total", Map.of("destination", "kba", "result", "failed")));
        assertEquals(3, PrometheusText.value(samples, "openikfz_applications", Map.of("procedure", "ausserbetriebsetzung", "state", "DECIDED")));
        assertEquals(7, PrometheusText.value(samples, "openikfz_outbox_pending", Map.of("destination", "fachverfahren")));
        assertEquals(1, PrometheusText.value(samples, "openikfz_store_up", Map.of()));
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds_total", "process_start_time_seconds",
                "openikfz_uptime_seconds")) {
            assertTrue(PrometheusText.has(samples, jvm), jvm);
        }
    }

    @Test
    void theStoreIsAskedAtMostOncePerPeriodHoweverOftenItIsScraped() throws Exception {
        Operations operations = new Operations(telemetry, procedures, config(), nanos::get);
        operations.setStore(store());
        for (int i = 0; i < 5; i++) {
            scrape(operations);
        }
        assertEquals(1, countQueries.get());
        nanos.addAndGet(Operations.COUNTS_TTL.toNanos());
        scrape(operations);
        assertEquals(2, countQueries.get());
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        Operations operations = new Operations(telemetry, procedures, config(), nanos::get);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(Metrics.OPENMETRICS_TEXT, operations.write("application/openmetrics-text; version=1.0.0,text/plain;q=0.5", out));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("# EOF\n"));
        assertEquals(Metrics.PROMETHEUS_TEXT, operations.write(null, new ByteArrayOutputStream()));
    }

    @Test
    void readinessNamesWhatIsMissingAndRecovers() {
        // as a list, and as a .cfg file gives it: one string, separated by commas
        Operations operations = new Operations(telemetry, procedures, config("ausserbetriebsetzung", " umschreibung ", ""), nanos::get);
        assertEquals(java.util.Set.of("ausserbetriebsetzung", "umschreibung"),
                new Operations(telemetry, procedures, config("ausserbetriebsetzung, umschreibung"), nanos::get).required());
        assertEquals(List.of(NotReady.of(NotReady.Part.ENGINE), NotReady.of(NotReady.Part.STORE),
                new NotReady(NotReady.Part.PROCEDURE, "ausserbetriebsetzung"), new NotReady(NotReady.Part.PROCEDURE, "umschreibung")),
                operations.notReady());

        AtomicBoolean outboxHealthy = new AtomicBoolean(false);
        operations.setHealth(() -> List.of(new JobStatus("outbox", Instant.now(), null, Instant.now(), "secret detail", 3, outboxHealthy.get()),
                new JobStatus("deadlines", Instant.now(), Instant.now(), null, null, 0, true)));
        operations.setStore(store());
        procedures.addProcedure(procedure("ausserbetriebsetzung"), Map.of("service.id", 11L));
        assertEquals(List.of(new NotReady(NotReady.Part.PROCEDURE, "umschreibung"), new NotReady(NotReady.Part.JOB, "outbox")),
                operations.notReady());

        org.openikfz.api.procedure.Procedure umschreibung = procedure("umschreibung");
        procedures.addProcedure(umschreibung, Map.of("service.id", 12L));
        outboxHealthy.set(true);
        assertTrue(operations.ready());

        // the database goes away: noticed once the connection check's short period is over
        databaseUp.set(false);
        nanos.addAndGet(Operations.STORE_CHECK_TTL.toNanos());
        assertEquals(List.of(NotReady.of(NotReady.Part.STORE)), operations.notReady());
        procedures.removeProcedure(umschreibung);
        assertEquals(List.of(NotReady.of(NotReady.Part.STORE), new NotReady(NotReady.Part.PROCEDURE, "umschreibung")), operations.notReady());
        assertFalse(operations.ready());
    }

    @Test
    void aMisspeltProcedureIdKeepsThePortalNotReady() {
        Operations operations = new Operations(telemetry, procedures, config("Umschreibung!"), nanos::get);
        operations.setStore(store());
        operations.setHealth(List::of);
        assertEquals(List.of(new NotReady(NotReady.Part.PROCEDURE, "Umschreibung!")), operations.notReady());
    }

    private static List<PrometheusText.Sample> scrape(Operations operations) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(Metrics.PROMETHEUS_TEXT, operations.write("text/plain", out));
        return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
    }

    private ApplicationStore store() {
        return (ApplicationStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ApplicationStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "countCases" -> {
                        countQueries.incrementAndGet();
                        yield List.of(new CaseCount("ausserbetriebsetzung", "DECIDED", 3), new CaseCount("ausserbetriebsetzung", "DIALOG", 5));
                    }
                    case "undeliveredByDestination" -> Map.of("fachverfahren", 7L);
                    case "info" -> new StoreInfo("H2", "H2", "6", databaseUp.get());
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static org.openikfz.api.procedure.Procedure procedure(String id) {
        org.openikfz.api.text.LocalizedText text = org.openikfz.api.text.LocalizedText.of("Test", "Test");
        org.openikfz.api.procedure.ProcedureDescription description = org.openikfz.api.procedure.ProcedureDescription.builder(new org.openikfz.api.procedure.ProcedureId(id), text)
                .summary(text)
                .applicants(java.util.Set.of(org.openikfz.api.procedure.Applicant.NATURAL_PERSON))
                .dialog(new org.openikfz.api.dialog.Dialog(List.of()))
                .decisionPolicy(org.openikfz.api.procedure.DecisionPolicy.AUTOMATED)
                .build();
        return (org.openikfz.api.procedure.Procedure) Proxy.newProxyInstance(OperationsTest.class.getClassLoader(),
                new Class<?>[] {org.openikfz.api.procedure.Procedure.class},
                (p, m, a) -> m.getName().equals("description") ? description : null);
    }

    private static EngineConfig config(String... procedures) {
        return (EngineConfig) Proxy.newProxyInstance(OperationsTest.class.getClassLoader(), new Class<?>[] {EngineConfig.class},
                (p, m, a) -> m.getName().equals("district_procedures") ? procedures : m.getDefaultValue());
    }
}

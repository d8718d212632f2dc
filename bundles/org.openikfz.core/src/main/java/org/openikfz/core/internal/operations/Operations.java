package org.openikfz.core.internal.operations;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openikfz.api.health.JobStatus;
import org.openikfz.api.health.Metrics;
import org.openikfz.api.health.NotReady;
import org.openikfz.api.health.PlatformHealth;
import org.openikfz.api.health.Readiness;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.core.internal.EngineConfig;
import org.openikfz.core.internal.Registry;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.CaseCount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The platform as operations see it: whether it is ready to take applications (the store is there
 * and answers, every procedure the district offers is deployed, every background job healthy), and
 * its metrics for Prometheus — what the engine's units report where the work happens (checks,
 * decisions, deliveries), what the store counts (applications by procedure and state, the outbox by
 * destination; cached, so scraping cannot load the database), the jobs and the JVM.
 *
 * <p>A component of its own, with optional references only (but the {@link Telemetry} it reads):
 * it stays up while the store or the engine is away, which is when readiness matters most. The
 * Prometheus client is private to this bundle; other bundles see only {@link Readiness} and
 * {@link Metrics}.
 */
@Component(service = {Readiness.class, Metrics.class}, configurationPid = EngineConfig.PID, immediate = true)
public final class Operations implements Readiness, Metrics {

    private static final Logger LOG = System.getLogger(Operations.class.getName());
    /** How long the store's counts are kept: a scrape every second costs one query per ten seconds. */
    static final Duration COUNTS_TTL = Duration.ofSeconds(10);
    /** How long the store's connection check is kept: probes of several load balancers cost one check. */
    static final Duration STORE_CHECK_TTL = Duration.ofSeconds(2);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Telemetry telemetry;
    private final Cached<List<CaseCount>> caseCounts;
    private final Cached<Map<String, Long>> outbox;
    private final Cached<Boolean> storeUp;
    // the procedures deployed right now: the engine's one registry
    private final Registry procedures;
    private volatile Set<String> required = Set.of();
    private volatile ApplicationStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformHealth health;

    @Activate
    public Operations(@Reference Telemetry telemetry, @Reference Registry procedures, EngineConfig config) {
        this(telemetry, procedures, config, System::nanoTime);
    }

    Operations(Telemetry telemetry, Registry procedures, EngineConfig config, java.util.function.LongSupplier nanos) {
        this.telemetry = telemetry;
        this.procedures = procedures;
        modified(config);
        this.caseCounts = new Cached<>(COUNTS_TTL, nanos, List.of(), () -> {
            ApplicationStore s = store;
            return s == null ? List.of() : s.countCases();
        });
        this.outbox = new Cached<>(COUNTS_TTL, nanos, Map.of(), () -> {
            ApplicationStore s = store;
            return s == null ? Map.of() : s.undeliveredByDestination();
        });
        this.storeUp = new Cached<>(STORE_CHECK_TTL, nanos, false, () -> {
            ApplicationStore s = store;
            return s != null && s.info().healthy();
        });
        GaugeWithCallback.builder().name("openikfz_applications").help("Applications by procedure and state (cached for "
                        + COUNTS_TTL.toSeconds() + " s)")
                .labelNames("procedure", "state")
                .callback(cb -> caseCounts.get().forEach(c -> cb.call(c.count(), c.procedureId(), c.state()))).register(registry);
        GaugeWithCallback.builder().name("openikfz_outbox_pending").help("Messages waiting in the outbox, by destination (cached for "
                        + COUNTS_TTL.toSeconds() + " s)")
                .labelNames("destination")
                .callback(cb -> outbox.get().forEach((destination, n) -> cb.call(n, destination))).register(registry);
        GaugeWithCallback.builder().name("openikfz_job_last_success_age_seconds").unit(Unit.SECONDS)
                .help("Seconds since each background job last completed a run (absent before its first success)")
                .labelNames("job").callback(cb -> jobs().forEach(j -> {
                    if (j.lastSuccess() != null) {
                        cb.call(Math.max(0, Duration.between(j.lastSuccess(), Instant.now()).toMillis() / 1000.0), j.name());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("openikfz_job_healthy").help("1 while a background job is healthy, else 0")
                .labelNames("job").callback(cb -> jobs().forEach(j -> cb.call(j.healthy() ? 1 : 0, j.name()))).register(registry);
        CounterWithCallback.builder().name("openikfz_job_failures").help("Failed runs of each background job since the engine started")
                .labelNames("job").callback(cb -> jobs().forEach(j -> cb.call(j.failures(), j.name()))).register(registry);
        GaugeWithCallback.builder().name("openikfz_store_up").help("1 while the store is there and its database answers, else 0")
                .callback(cb -> cb.call(storeUp.get() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("openikfz_procedure_deployed")
                .help("1 for each procedure deployed right now, 0 for one the district offers (district.procedures) that is not")
                .labelNames("procedure").callback(cb -> {
                    Set<String> deployed = Set.copyOf(procedures.procedureIds());
                    Set<String> all = new TreeSet<>(required);
                    all.addAll(deployed);
                    all.forEach(p -> cb.call(deployed.contains(p) ? 1 : 0, p));
                }).register(registry);
        GaugeWithCallback.builder().name("openikfz_ready").help("1 while the platform is ready to take applications (/health/ready), else 0")
                .callback(cb -> cb.call(ready() ? 1 : 0)).register(registry);
    }

    /**
     * The ids of {@code district.procedures}: a list, or one string with the ids separated by commas (a .cfg file gives
     * a plain string). The engine reads the same setting with this method.
     */
    public static Set<String> procedureIds(String[] values) {
        return Arrays.stream(values == null ? new String[0] : values).filter(java.util.Objects::nonNull)
                .flatMap(v -> Arrays.stream(v.split("[,\\s]+"))).filter(v -> !v.isEmpty())
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    /** A changed {@code district.procedures} takes effect at once; the counters are kept. */
    @Modified
    void modified(EngineConfig config) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : procedureIds(config.district_procedures())) {
            try {
                new ProcedureId(value);
            } catch (IllegalArgumentException e) {
                // kept as required: a misspelt id must not make an incomplete portal look ready
                LOG.log(Level.ERROR, "district.procedures: \"" + value + "\" is not a procedure id (lower-case letters, digits and"
                        + " hyphens, e.g. ausserbetriebsetzung); the portal stays not ready until it is corrected");
            }
            ids.add(value);
        }
        this.required = Set.copyOf(ids);
    }

    // ---- what comes and goes ----

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetStore")
    void setStore(ApplicationStore s) {
        this.store = s;
        forgetCached();
    }

    void unsetStore(ApplicationStore s) {
        if (this.store == s) {
            this.store = null;
        }
        forgetCached();
    }

    void setHealth(PlatformHealth h) {
        this.health = h;
    }

    private void forgetCached() {
        storeUp.forget();
        caseCounts.forget();
        outbox.forget();
    }

    // ---- readiness ----

    @Override
    public List<NotReady> notReady() {
        List<NotReady> missing = new ArrayList<>();
        PlatformHealth h = health;
        if (h == null) {
            missing.add(NotReady.of(NotReady.Part.ENGINE));
        }
        if (!storeUp.get()) {
            missing.add(NotReady.of(NotReady.Part.STORE));
        }
        Set<String> deployed = new java.util.HashSet<>(procedures.procedureIds());
        deployed.removeAll(procedures.withheld().keySet()); // deployed, but its checks do not meet its needs
        new TreeSet<>(required).stream().filter(p -> !deployed.contains(p)).forEach(p -> missing.add(new NotReady(NotReady.Part.PROCEDURE, p)));
        if (h != null) {
            h.jobs().stream().filter(j -> !j.healthy()).forEach(j -> missing.add(new NotReady(NotReady.Part.JOB, j.name())));
        }
        return List.copyOf(missing);
    }

    /** The procedures the district offers, as configured. */
    Set<String> required() {
        return required;
    }

    private List<JobStatus> jobs() {
        PlatformHealth h = health;
        return h == null ? List.of() : h.jobs();
    }

    // ---- metrics ----

    @Override
    public String write(String accept, OutputStream out) throws IOException {
        ExpositionFormatWriter writer = accept != null && Arrays.stream(accept.split(","))
                .anyMatch(a -> a.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/openmetrics-text"))
                ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        telemetry.scrape().forEach(all::metricSnapshot);
        registry.scrape().forEach(all::metricSnapshot);
        writer.write(out, all.build());
        return writer.getContentType();
    }

    /**
     * A value read from the store, kept for a while: however often it is asked for, the store is
     * asked at most once per period, and by one caller at a time (the others get the last value). A
     * failure is kept as the fallback for the period too, so a database in trouble is not asked more.
     */
    static final class Cached<T> {
        private final long ttlNanos;
        private final java.util.function.LongSupplier nanos;
        private final T fallback;
        private final java.util.function.Supplier<T> read;
        private T value;
        private long readAt;
        private boolean valid;

        Cached(Duration ttl, java.util.function.LongSupplier nanos, T fallback, java.util.function.Supplier<T> read) {
            this.ttlNanos = ttl.toNanos();
            this.nanos = nanos;
            this.fallback = fallback;
            this.read = read;
        }

        synchronized T get() {
            long now = nanos.getAsLong();
            if (!valid || now - readAt >= ttlNanos) {
                T next;
                try {
                    next = read.get();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "metrics: the store could not be read: " + e.getClass().getSimpleName());
                    next = fallback;
                }
                value = next;
                readAt = now;
                valid = true;
            }
            return value;
        }

        synchronized void forget() {
            valid = false;
        }
    }
}

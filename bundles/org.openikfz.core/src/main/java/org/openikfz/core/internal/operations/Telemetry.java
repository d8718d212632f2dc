package org.openikfz.core.internal.operations;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;

/**
 * The metrics the engine's units record where the work happens (check calls, decisions, deliveries
 * to the destinations' connectors), and the JVM's. A component without references, so that the
 * engine can use it and {@link Operations} can read it without either depending on the other; its
 * counters live as long as the core bundle runs.
 */
@Component(service = {Observations.class, Telemetry.class}, immediate = true)
public final class Telemetry implements Observations {

    private static final double[] LATENCY_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter decisions;
    private final Counter checks;
    private final Histogram checkDuration;
    private final Counter transfers;
    private final Histogram transferDuration;

    public Telemetry() {
        decisions = Counter.builder().name("openikfz_decisions").help("Decisions committed, by procedure, who decided and outcome")
                .labelNames("procedure", "by", "outcome").withoutExemplars().register(registry);
        checks = Counter.builder().name("openikfz_checks").help("Check calls of the verifications, by check and result"
                        + " (clear, opposed, failed, timeout, not_deployed)")
                .labelNames("check", "result").withoutExemplars().register(registry);
        checkDuration = Histogram.builder().name("openikfz_check_duration_seconds").unit(Unit.SECONDS)
                .help("Latency of check calls (the registers and connectors behind them) as the verification saw it, by check")
                .labelNames("check").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
        transfers = Counter.builder().name("openikfz_transfers").help("Delivery attempts of outbox messages to their destination's"
                        + " connector, by destination and result (delivered, failed)")
                .labelNames("destination", "result").withoutExemplars().register(registry);
        transferDuration = Histogram.builder().name("openikfz_transfer_duration_seconds").unit(Unit.SECONDS)
                .help("Latency of delivery attempts to a destination's connector")
                .labelNames("destination").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("openikfz_uptime_seconds").unit(Unit.SECONDS).help("Seconds since the JVM started")
                .callback(cb -> cb.call(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0)).register(registry);
        // the JVM: memory, threads, garbage collection, CPU time and start time of the process, class loading, buffers
        // (one by one: JvmMetrics.builder() keeps the registries it served in a static set)
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** What was recorded, now. */
    MetricSnapshots scrape() {
        return registry.scrape();
    }

    @Override
    public void check(String check, CheckOutcome outcome, Duration took) {
        checks.labelValues(check, outcome.label()).inc();
        if (took != null) {
            checkDuration.labelValues(check).observe(took.toNanos() / 1e9);
        }
    }

    @Override
    public void decision(String procedure, DecidedBy by, boolean approved) {
        decisions.labelValues(procedure, by.label(), approved ? "approved" : "refused").inc();
    }

    @Override
    public void transfer(String destination, boolean delivered, Duration took) {
        transfers.labelValues(destination, delivered ? "delivered" : "failed").inc();
        transferDuration.labelValues(destination).observe(took.toNanos() / 1e9);
    }
}

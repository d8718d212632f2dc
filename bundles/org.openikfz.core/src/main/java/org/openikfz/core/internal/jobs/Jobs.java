package org.openikfz.core.internal.jobs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openikfz.api.health.JobStatus;

/**
 * The background jobs. A job never dies silently: every run catches anything it throws, an
 * {@link Error} such as an OutOfMemoryError included, logs it once when the job turns faulty and
 * once when it recovers (not once per round), and the job runs again at its next period. A job whose
 * run says there is more to do (a backlog it worked on for as long as a run may take) runs again at
 * once, after the other jobs of its group that are due. Each job's last run, success and failure are
 * its status for the operator view and the health check.
 */
public final class Jobs implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Jobs.class.getName());

    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, ScheduledExecutorService> executors = new ConcurrentHashMap<>();

    /** @param clock real time (not the engine's movable clock): a job's health is about the machine's time */
    public Jobs(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code work} every {@code period} on the executor of {@code group} (jobs of a group run one after the other). */
    public void schedule(String name, String group, Duration period, Runnable work) {
        scheduleBacklog(name, group, period, () -> {
            work.run();
            return false;
        });
    }

    /**
     * Runs {@code work} every {@code period} on the executor of {@code group}; when a run returns true (there is more
     * to do right away), the next run comes at once, after the group's other jobs that are due, not a period later.
     */
    public void scheduleBacklog(String name, String group, Duration period, java.util.function.BooleanSupplier work) {
        scheduleBacklog(name, group, period, period, work);
    }

    /** {@link #scheduleBacklog(String, String, Duration, java.util.function.BooleanSupplier)}, the first run after {@code first}. */
    void scheduleBacklog(String name, String group, Duration first, Duration period, java.util.function.BooleanSupplier work) {
        Job job = new Job(name, period, work);
        jobs.put(name, job);
        ScheduledExecutorService executor = executors.computeIfAbsent(group,
                g -> Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "openikfz-" + g)));
        executor.schedule(new Runnable() {
            @Override
            public void run() {
                boolean more = job.runSafely();
                try {
                    executor.schedule(this, more ? 0 : period.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    // the jobs were closed
                }
            }
        }, first.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a job now, on the caller's thread, as a scheduled run would (tests, the operator). */
    public void runNow(String name) {
        Job job = jobs.get(name);
        if (job != null) {
            job.runSafely();
        }
    }

    public List<JobStatus> status() {
        Instant now = now();
        return jobs.values().stream().map(j -> j.status(now)).sorted(java.util.Comparator.comparing(JobStatus::name)).toList();
    }

    @Override
    public void close() {
        executors.values().forEach(ScheduledExecutorService::shutdownNow);
    }

    private Instant now() {
        return clock.instant();
    }

    private final class Job {
        private final String name;
        private final Duration period;
        private final java.util.function.BooleanSupplier work;
        private volatile Instant lastRun;
        private volatile Instant lastSuccess;
        private volatile Instant lastFailure;
        private volatile String lastError;
        private volatile boolean failing;
        private volatile long failures;

        Job(String name, Duration period, java.util.function.BooleanSupplier work) {
            this.name = name;
            this.period = period;
            this.work = work;
        }

        /** One run; whether it has more to do right away. */
        synchronized boolean runSafely() {
            Instant started = now();
            lastRun = started;
            try {
                boolean more = work.getAsBoolean();
                lastSuccess = now();
                if (failing) {
                    failing = false;
                    LOG.log(Level.INFO, "background job " + name + " works again");
                }
                return more;
            } catch (Throwable t) { // an Error too: the job must not die silently, it runs again next period
                lastFailure = now();
                lastError = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
                failures++;
                if (!failing) {
                    failing = true;
                    LOG.log(Level.ERROR, "background job " + name + " failed, it runs again every " + period.toMillis()
                            + " ms: " + lastError, t);
                }
                return false;
            }
        }

        JobStatus status(Instant now) {
            // healthy: the last run completed, and a run completed within ten periods (plus a minute's grace at the start)
            Duration stale = period.multipliedBy(10).plusMinutes(1);
            boolean recent = lastSuccess != null ? !lastSuccess.plus(stale).isBefore(now) : lastRun == null;
            return new JobStatus(name, lastRun, lastSuccess, lastFailure, lastError, failures, !failing && recent);
        }
    }
}

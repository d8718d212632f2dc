package org.openikfz.core.internal.verification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.core.internal.Trace;
import org.openikfz.core.internal.operations.Observations;
import org.openikfz.core.internal.operations.Observations.CheckOutcome;
import org.openikfz.store.api.TraceRecord;

/**
 * FZV § 20(4): the verification by an automated program. The procedure's checks run in its order,
 * each on the check executor with a time bound (a slow register cannot hold the portal's request
 * threads longer than that), each adding what it established (facts) for the next; a check that is
 * missing, throws or does not answer in time fails (the clerks decide), never passes silently.
 * Opposed and failed are kept apart. Every step is traced (FZV § 23(3)).
 */
public final class Pipeline {

    private final ExecutorService executor;
    private final Duration timeout;
    private final Observations observations;

    public Pipeline(ExecutorService executor, Duration timeout) {
        this(executor, timeout, Observations.NONE);
    }

    /** @param observations told of each check call: its outcome and how long it took */
    public Pipeline(ExecutorService executor, Duration timeout, Observations observations) {
        this.executor = executor;
        this.timeout = timeout;
        this.observations = observations;
    }

    /**
     * A pipeline on an executor of its own: {@code threads} check threads and a queue of four times
     * that; beyond it a verification is refused at once (the caller answers "try again"), it never
     * waits for a thread. Idle threads end after a minute.
     */
    public static Pipeline withThreads(int threads, Duration timeout) {
        return withThreads(threads, timeout, Observations.NONE);
    }

    /** As {@link #withThreads(int, Duration)}, telling {@code observations} of each check call. */
    public static Pipeline withThreads(int threads, Duration timeout, Observations observations) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 60,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(threads * 4),
                r -> new Thread(r, "openikfz-check-" + n.incrementAndGet()));
        executor.allowCoreThreadTimeOut(true);
        return new Pipeline(executor, timeout, observations);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Stops the check threads (the engine's deactivation). */
    public void close() {
        executor.shutdownNow();
    }

    /**
     * What one run found.
     *
     * @param failures why the machine cannot decide, for the log (English)
     * @param failureTexts the same for the clerks, in their language, one per failure
     */
    public record Outcome(List<Finding> findings, List<String> failures, List<LocalizedText> failureTexts, Map<String, String> facts,
            List<TraceRecord> trace) {

        public boolean clear() {
            return findings.isEmpty() && failures.isEmpty();
        }
    }

    /**
     * Runs the checks, then the procedure's own judgement.
     *
     * @param checks the check of an id, or {@code null} when none is deployed
     * @param context the context for a check given the facts so far
     * @param judge the procedure's judgement given the facts
     * @throws RejectedExecutionException when the check executor is full: nothing was run
     */
    public Outcome run(UUID application, List<CheckId> order, Function<CheckId, Check> checks,
            Function<Map<String, String>, CheckContext> context, TraceRecord input,
            Function<Map<String, String>, CheckResult> judge, String procedureStep, String procedureVersion) {
        List<Finding> findings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<LocalizedText> texts = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        List<TraceRecord> trace = new ArrayList<>();
        trace.add(input);
        for (CheckId id : order) {
            Check check = checks.apply(id);
            if (check == null) {
                observations.check(id.value(), CheckOutcome.NOT_DEPLOYED, null);
                failures.add("check " + id + " not available");
                texts.add(LocalizedText.of("Die Prüfung „" + id.value() + "“ ist auf dieser Plattform nicht installiert; sie wurde nicht ausgeführt.",
                        "The check '" + id.value() + "' is not installed on this platform; it did not run."));
                trace.add(new TraceRecord(application, trace.size(), "check " + id.value(), "FAILED", null, "", "check not available",
                        null, null));
                continue;
            }
            CheckContext ctx = context.apply(Map.copyOf(facts));
            long started = System.nanoTime();
            Call call = bounded(() -> check.check(ctx), "check " + id);
            CheckResult result = call.result();
            observations.check(id.value(), call.timedOut() ? CheckOutcome.TIMEOUT : switch (result) {
                case CheckResult.Clear c -> CheckOutcome.CLEAR;
                case CheckResult.Opposed o -> CheckOutcome.OPPOSED;
                case CheckResult.Failed f -> CheckOutcome.FAILED;
            }, Duration.ofNanos(System.nanoTime() - started));
            collect(result, findings, failures, texts, id.value());
            trace.add(Trace.step(application, trace.size(), "check " + id.value(), result, Trace.version(check)));
            if (result instanceof CheckResult.Clear clear) {
                facts.putAll(clear.facts());
            }
        }
        Map<String, String> established = Map.copyOf(facts);
        CheckResult judged = bounded(() -> judge.apply(established), procedureStep).result();
        collect(judged, findings, failures, texts, procedureStep);
        trace.add(Trace.step(application, trace.size(), procedureStep, judged, procedureVersion));
        return new Outcome(List.copyOf(findings), List.copyOf(failures), List.copyOf(texts), facts, trace);
    }

    /** A bounded call's result, and whether it failed because it did not answer in time. */
    private record Call(CheckResult result, boolean timedOut) {
        static Call of(CheckResult result) {
            return new Call(result, false);
        }
    }

    private Call bounded(java.util.concurrent.Callable<CheckResult> work, String what) {
        Future<CheckResult> future = executor.submit(work);
        try {
            CheckResult result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Call.of(result == null ? CheckResult.failed(what + " gave no result") : result);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Call(CheckResult.failed(what + " did not answer within " + timeout.toSeconds() + " s", LocalizedText.of(
                    "Die Prüfung hat nicht innerhalb von " + timeout.toSeconds() + " Sekunden geantwortet; ein angefragtes System war zu langsam.",
                    "The check did not answer within " + timeout.toSeconds() + " seconds; a system it asked was too slow.")), true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Call.of(CheckResult.failed(what + " was interrupted"));
        } catch (java.util.concurrent.ExecutionException e) {
            return Call.of(CheckResult.failed(what + " could not be completed: " + e.getCause().getClass().getSimpleName()));
        }
    }

    private static void collect(CheckResult result, List<Finding> findings, List<String> failures, List<LocalizedText> texts, String step) {
        switch (result) {
            case CheckResult.Opposed opposed -> findings.addAll(opposed.findings());
            case CheckResult.Failed failed -> {
                failures.add(failed.reason());
                // a check without a text of its own: a general sentence for the clerks, naming the check
                texts.add(failed.text() != null ? failed.text() : LocalizedText.of(
                        "Die Prüfung „" + step + "“ konnte nicht abgeschlossen werden; die Angaben sind insoweit nicht maschinell geprüft.",
                        "The check '" + step + "' could not be completed; the details were not verified by machine in this respect."));
            }
            case CheckResult.Clear clear -> {
            }
        }
    }
}

package org.openikfz.core.internal.verification;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

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
    /** The undeclared facts already logged, per check instance (weakly held: a check undeployed is forgotten). */
    private final Map<Check, java.util.Set<String>> warned = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

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
     * <p>The steps run one after another on one check thread, so a verification hands over to it once,
     * not once per check; the request thread sleeps until they are done. Each step still has its own
     * time bound: the request thread wakes when the running step has had it, gives that step up as
     * failed (the thread is interrupted) and lets the remaining steps run on a fresh check thread.
     *
     * @param checks the check of an id, or {@code null} when none is deployed
     * @param context the context for a check given the facts so far
     * @param judge the procedure's judgement given the facts
     * @throws RejectedExecutionException when the check executor is full: nothing was run
     */
    public Outcome run(UUID application, List<CheckId> order, Function<CheckId, Check> checks,
            Function<Map<String, String>, CheckContext> context, TraceRecord input,
            Function<Map<String, String>, CheckResult> judge, String procedureStep, String procedureVersion) {
        List<Step> steps = new ArrayList<>(order.size() + 1);
        for (CheckId id : order) {
            steps.add(new Step(id, "check " + id.value(), () -> checks.apply(id), context, null, this::undeclared));
        }
        steps.add(new Step(null, procedureStep, () -> null, context, judge, (c, clear) -> { }));
        List<Done> done = new ArrayList<>(steps.size());
        Map<String, String> facts = new LinkedHashMap<>();
        while (done.size() < steps.size()) {
            Run run = new Run(steps, done.size(), Map.copyOf(facts), timeout.toNanos());
            Future<?> future = executor.submit(run);
            List<Done> finished = run.await();
            done.addAll(finished);
            finished.forEach(d -> d.addFactsTo(facts));
            if (done.size() < steps.size()) {
                future.cancel(true);
                Step late = steps.get(done.size());
                if (run.interrupted()) {
                    // the request is being stopped: the steps not done fail, none passes silently
                    for (Step left : steps.subList(done.size(), steps.size())) {
                        done.add(new Done(left, CheckResult.failed(left.label() + " was interrupted"), false, false, null, null));
                    }
                    break;
                }
                // the running step did not answer in time: given up, the next ones run on a fresh check thread
                Check check = late.deployed().get();
                done.add(new Done(late, CheckResult.failed(late.label() + " did not answer within " + timeout.toSeconds() + " s",
                        TEXTS.format("pipeline.check-timed-out", LocalizedText.german(String.valueOf(timeout.toSeconds())))),
                        true, false, Duration.ofNanos(System.nanoTime() - run.startedAt()), check == null ? null : Trace.version(check)));
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<LocalizedText> texts = new ArrayList<>();
        List<TraceRecord> trace = new ArrayList<>();
        trace.add(input);
        for (Done d : done) {
            Step step = d.step();
            if (d.notDeployed()) {
                observations.check(step.check().value(), CheckOutcome.NOT_DEPLOYED, null);
                failures.add("check " + step.check() + " not available");
                texts.add(TEXTS.format("pipeline.check-not-installed", LocalizedText.german(step.check().value())));
                trace.add(new TraceRecord(application, trace.size(), step.label(), "FAILED", null, "", "check not available", null, null));
                continue;
            }
            if (step.check() != null) {
                observations.check(step.check().value(), d.timedOut() ? CheckOutcome.TIMEOUT : switch (d.result()) {
                    case CheckResult.Clear c -> CheckOutcome.CLEAR;
                    case CheckResult.Opposed o -> CheckOutcome.OPPOSED;
                    case CheckResult.Failed f -> CheckOutcome.FAILED;
                }, d.took());
            }
            collect(d.result(), findings, failures, texts, step.check() == null ? step.label() : step.check().value());
            trace.add(Trace.step(application, trace.size(), step.label(), d.result(), step.check() == null ? procedureVersion : d.version()));
        }
        return new Outcome(List.copyOf(findings), List.copyOf(failures), List.copyOf(texts), facts, trace);
    }

    /** One step of a run: a check of the procedure (by its id), or the procedure's judgement ({@code judge} set). */
    private record Step(CheckId check, String label, java.util.function.Supplier<Check> deployed,
            Function<Map<String, String>, CheckContext> context, Function<Map<String, String>, CheckResult> judge,
            java.util.function.BiConsumer<Check, CheckResult.Clear> cleared) {

        /** Runs the step; whatever it throws makes it fail, naming only the kind of error. */
        Done run(Map<String, String> facts) {
            long started = System.nanoTime();
            Check c = null;
            CheckResult result;
            try {
                if (judge != null) {
                    result = judge.apply(Map.copyOf(facts));
                } else {
                    c = deployed.get();
                    if (c == null) {
                        return new Done(this, null, false, true, null, null);
                    }
                    result = c.check(context.apply(Map.copyOf(facts)));
                    if (result instanceof CheckResult.Clear clear) {
                        cleared.accept(c, clear);
                    }
                }
                if (result == null) {
                    result = CheckResult.failed(label + " gave no result");
                }
            } catch (Throwable e) { // a check's error, even a StackOverflowError, fails the check and not the request
                result = CheckResult.failed(label + " could not be completed: " + e.getClass().getSimpleName());
            }
            return new Done(this, result, false, false, Duration.ofNanos(System.nanoTime() - started), c == null ? null : Trace.version(c));
        }
    }

    /**
     * Says in the log when a check establishes a fact it does not declare ({@link Check#produces()}): the platform
     * orders the checks, and offers a procedure, by the declarations, so a fact another check or a procedure relies
     * on must be declared. Once per check and fact name while the check is deployed (names only, never a value).
     */
    private void undeclared(Check check, CheckResult.Clear clear) {
        java.util.Set<String> declared = new java.util.HashSet<>();
        try {
            check.produces().forEach(k -> declared.add(k.name()));
        } catch (RuntimeException e) {
            // no declaration: every fact is undeclared
        }
        for (String name : clear.facts().keySet()) {
            if (!declared.contains(name) && warned.computeIfAbsent(check, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(name)) {
                LOG.log(System.Logger.Level.WARNING, "Check {0} established the fact {1} without declaring it in produces()",
                        check.id(), name);
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    /** What a step came to. */
    private record Done(Step step, CheckResult result, boolean timedOut, boolean notDeployed, Duration took, String version) {
        void addFactsTo(Map<String, String> facts) {
            if (result instanceof CheckResult.Clear clear) {
                facts.putAll(clear.facts());
            }
        }
    }

    /**
     * The steps from {@code from} on, run on one check thread. The request thread waits in
     * {@link #await} until all are done, or until the running step has had its time bound.
     */
    private static final class Run implements Runnable {
        private final List<Step> steps;
        private final int from;
        private final Map<String, String> facts;
        private final long bound;
        private final List<Done> done = new ArrayList<>();
        /** When the running step started; the first one's bound counts from the hand-over, as the queue's wait is part of it. */
        private long startedAt = System.nanoTime();
        private boolean finished;
        private boolean givenUp;
        private boolean interrupted;

        Run(List<Step> steps, int from, Map<String, String> facts, long bound) {
            this.steps = steps;
            this.from = from;
            this.facts = facts;
            this.bound = bound;
        }

        @Override
        public void run() {
            Map<String, String> established = new LinkedHashMap<>(facts);
            for (int i = from; i < steps.size(); i++) {
                synchronized (this) {
                    if (givenUp) {
                        return;
                    }
                    startedAt = System.nanoTime();
                }
                Done d = steps.get(i).run(established);
                synchronized (this) {
                    if (givenUp) {
                        return; // too late: the request thread has counted this step as not answering
                    }
                    done.add(d);
                }
                d.addFactsTo(established);
            }
            synchronized (this) {
                finished = true;
                notifyAll();
            }
        }

        synchronized long startedAt() {
            return startedAt;
        }

        /** Whether the request thread was interrupted while it waited. */
        synchronized boolean interrupted() {
            return interrupted;
        }

        /** The steps done: all of them, or those before the one that had its time bound (then given up). */
        synchronized List<Done> await() {
            while (!finished) {
                long left = startedAt + bound - System.nanoTime();
                if (left <= 0) {
                    givenUp = true;
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    givenUp = true;
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return List.copyOf(done);
        }
    }

    private static void collect(CheckResult result, List<Finding> findings, List<String> failures, List<LocalizedText> texts, String step) {
        switch (result) {
            case CheckResult.Opposed opposed -> findings.addAll(opposed.findings());
            case CheckResult.Failed failed -> {
                failures.add(failed.reason());
                // a check without a text of its own: a general sentence for the clerks, naming the check
                texts.add(failed.text() != null ? failed.text() : TEXTS.format("pipeline.check-not-completed", LocalizedText.german(String.valueOf(step))));
            }
            case CheckResult.Clear clear -> {
            }
        }
    }
}

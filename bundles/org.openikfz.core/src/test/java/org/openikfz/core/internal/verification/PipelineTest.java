package org.openikfz.core.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.Check;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.store.api.TraceRecord;

class PipelineTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        executor.shutdownNow();
    }

    private Check check(String id, java.util.function.Supplier<CheckResult> result) {
        return new Check() {
            @Override
            public CheckId id() {
                return new CheckId(id);
            }

            @Override
            public CheckResult check(org.openikfz.api.check.CheckContext context) {
                return result.get();
            }
        };
    }

    private Pipeline.Outcome run(Map<String, Check> checks, List<String> order) {
        UUID id = UUID.randomUUID();
        return new Pipeline(executor, Duration.ofMillis(300)).run(id, order.stream().map(CheckId::new).toList(),
                c -> checks.get(c.value()), facts -> null, new TraceRecord(id, 0, "answers", "INPUT", "", "", "", "", null),
                facts -> CheckResult.clear(), "procedure", "1");
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeFailsInsteadOfHoldingTheRequest() {
        Check slow = check("slow", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.clear();
        });
        long t0 = System.nanoTime();
        Pipeline.Outcome outcome = run(Map.of("slow", slow), List.of("slow"));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "the request came back");
        assertEquals(1, outcome.failures().size());
        assertTrue(outcome.failures().get(0).contains("did not answer"), outcome.failures().toString());
    }

    /** Each check call is reported for the metrics: its outcome, told apart as a scraper needs it, and its latency. */
    @Test
    void everyCheckCallIsReportedWithItsOutcome() {
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.openikfz.core.internal.operations.Observations observations = new org.openikfz.core.internal.operations.Observations() {
            @Override
            public void check(String check, CheckOutcome outcome, Duration took) {
                // a call's latency is there; one that timed out took at least the time bound
                reported.add(check + "=" + outcome.label() + (took == null ? "" : took.compareTo(Duration.ofMillis(300)) >= 0 ? " bounded" : " timed"));
            }

            @Override
            public void decision(String procedure, DecidedBy by, boolean approved) {
            }

            @Override
            public void transfer(String destination, boolean delivered, Duration took) {
            }
        };
        Map<String, Check> checks = Map.of(
                "clear", check("clear", CheckResult::clear),
                "opposed", check("opposed", () -> CheckResult.opposed(new Finding("kennzeichen",
                        org.openikfz.api.text.LocalizedText.of("falsch", "wrong")))),
                "broken", check("broken", () -> {
                    throw new IllegalStateException("register down");
                }),
                "slow", check("slow", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CheckResult.clear();
                }));
        UUID id = UUID.randomUUID();
        new Pipeline(executor, Duration.ofMillis(300), observations).run(id,
                List.of("clear", "opposed", "broken", "slow", "missing").stream().map(CheckId::new).toList(), c -> checks.get(c.value()),
                facts -> null, new TraceRecord(id, 0, "answers", "INPUT", "", "", "", "", null), facts -> CheckResult.clear(), "procedure", "1");
        assertEquals(List.of("clear=clear", "opposed=opposed", "broken=failed", "slow=timeout bounded", "missing=not_deployed"),
                reported.stream().map(r -> r.replace(" timed", "")).toList());
        assertTrue(reported.stream().filter(r -> !r.startsWith("missing") && !r.startsWith("slow")).allMatch(r -> r.endsWith(" timed")
                || r.endsWith(" bounded")), "each call carries its latency: " + reported);
    }

    @Test
    void aMissingOrBrokenCheckFailsNeverPasses() {
        Check broken = check("broken", () -> {
            throw new StackOverflowError();
        });
        Pipeline.Outcome outcome = run(Map.of("broken", broken), List.of("broken", "missing"));
        assertEquals(2, outcome.failures().size(), outcome.failures().toString());
        assertEquals(4, outcome.trace().size(), "input, two checks, the procedure");
        // the clerks read German, naming the check, never the exception
        assertEquals(2, outcome.failureTexts().size());
        String german = outcome.failureTexts().get(0).get(java.util.Locale.GERMAN) + " " + outcome.failureTexts().get(1).get(java.util.Locale.GERMAN);
        assertTrue(german.contains("„broken“ konnte nicht abgeschlossen werden") && german.contains("„missing“ ist auf dieser Plattform nicht"),
                german);
        assertFalse(german.contains("StackOverflowError"), german);
    }

    @Test
    void aFailedChecksOwnTextReachesTheClerksAndItsReasonTheLog() {
        Check down = check("down", () -> CheckResult.failed("register not reachable: connection refused",
                org.openikfz.api.text.LocalizedText.of("Das Register war nicht erreichbar.", "The register could not be reached.")));
        Pipeline.Outcome outcome = run(Map.of("down", down), List.of("down"));
        assertEquals(List.of("register not reachable: connection refused"), outcome.failures());
        assertEquals("Das Register war nicht erreichbar.", outcome.failureTexts().get(0).get(java.util.Locale.GERMAN));
    }

    @Test
    void opposedAndFailedAreKeptApartAndFactsFlowOn() {
        Check first = check("first", () -> CheckResult.clear(Map.of("fact", "1")));
        Check second = check("second", () -> CheckResult.opposed(new Finding("f", org.openikfz.api.text.LocalizedText.of("x", "x"))));
        Pipeline.Outcome outcome = run(Map.of("first", first, "second", second), List.of("first", "second"));
        assertEquals(1, outcome.findings().size());
        assertTrue(outcome.failures().isEmpty());
        assertEquals("1", outcome.facts().get("fact"));
    }
}

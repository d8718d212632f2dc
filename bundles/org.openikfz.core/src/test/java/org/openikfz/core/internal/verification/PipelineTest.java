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
        Check first = check("first", () -> new CheckResult.Clear(Map.of("fact", "1")));
        Check second = check("second", () -> CheckResult.opposed(new Finding("f", org.openikfz.api.text.LocalizedText.of("x", "x"))));
        Pipeline.Outcome outcome = run(Map.of("first", first, "second", second), List.of("first", "second"));
        assertEquals(1, outcome.findings().size());
        assertTrue(outcome.failures().isEmpty());
        assertEquals("1", outcome.facts().get("fact"));
    }

    /** The bound is each check's, not the whole run's: three checks that each take most of it all pass. */
    @Test
    void eachCheckHasItsOwnTimeBound() {
        Check slowish = check("slowish", () -> {
            try {
                never.await(800, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.clear();
        });
        UUID id = UUID.randomUUID();
        long t0 = System.nanoTime();
        Pipeline.Outcome outcome = new Pipeline(executor, Duration.ofSeconds(2)).run(id, List.of(new CheckId("a"), new CheckId("b"),
                new CheckId("c")), c -> slowish, facts -> null, new TraceRecord(id, 0, "answers", "INPUT", "", "", "", "", null),
                facts -> CheckResult.clear(), "procedure", "1");
        assertTrue(System.nanoTime() - t0 > Duration.ofSeconds(2).toNanos(), "the run took longer than one bound");
        assertTrue(outcome.clear(), outcome.failures().toString());
    }

    /**
     * A check that does not answer is given up; the checks after it still run, with the facts established before it.
     * (A bound of a second: the quick checks must not reach it on a busy machine, whose first run of a check also
     * starts a thread and links its lambdas.)
     */
    @Test
    void theChecksAfterOneThatTimedOutStillRunWithTheFactsSoFar() {
        Map<String, java.util.Set<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Check first = check("first", () -> new CheckResult.Clear(Map.of("zfzr", "known")));
        Check hangs = check("hangs", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CheckResult.Clear(Map.of("late", "must not count"));
        });
        Check third = new Check() {
            @Override
            public CheckId id() {
                return new CheckId("third");
            }

            @Override
            public CheckResult check(org.openikfz.api.check.CheckContext context) {
                seen.put("third", ((FactsOnly) context).facts().keySet());
                return new CheckResult.Clear(Map.of("hu", "valid"));
            }
        };
        Map<String, Check> checks = Map.of("first", first, "hangs", hangs, "third", third);
        UUID id = UUID.randomUUID();
        Pipeline.Outcome outcome = new Pipeline(executor, Duration.ofSeconds(1)).run(id,
                List.of("first", "hangs", "third").stream().map(CheckId::new).toList(), c -> checks.get(c.value()),
                facts -> new FactsOnly(facts), new TraceRecord(id, 0, "answers", "INPUT", "", "", "", "", null), facts -> {
                    seen.put("procedure", facts.keySet());
                    return CheckResult.clear();
                }, "procedure", "1");
        assertEquals(1, outcome.failures().size(), outcome.failures().toString());
        assertTrue(outcome.failures().get(0).startsWith("check hangs did not answer"), outcome.failures().toString());
        assertEquals(java.util.Set.of("zfzr"), seen.get("third"));
        assertEquals(java.util.Set.of("zfzr", "hu"), seen.get("procedure"));
        assertEquals(List.of("answers", "check first", "check hangs", "check third", "procedure"),
                outcome.trace().stream().map(TraceRecord::step).toList());
    }

    /** A verification hands over to the check threads once, not once per check (each hand-over wakes two threads). */
    @Test
    void aVerificationHandsOverToTheCheckThreadsOnce() {
        java.util.concurrent.atomic.AtomicInteger handOvers = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Executor counting = r -> {
            handOvers.incrementAndGet();
            executor.execute(r);
        };
        ExecutorService counted = new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable command) {
                counting.execute(command);
            }

            @Override
            public void shutdown() {
            }

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
                return true;
            }
        };
        UUID id = UUID.randomUUID();
        Pipeline.Outcome outcome = new Pipeline(counted, Duration.ofSeconds(5)).run(id, List.of(new CheckId("a"), new CheckId("b"),
                new CheckId("c")), c -> check(c.value(), () -> new CheckResult.Clear(Map.of(c.value(), "1"))), facts -> null,
                new TraceRecord(id, 0, "answers", "INPUT", "", "", "", "", null), facts -> CheckResult.clear(), "procedure", "1");
        assertTrue(outcome.clear());
        assertEquals(Map.of("a", "1", "b", "1", "c", "1"), outcome.facts());
        assertEquals(1, handOvers.get());
    }

    /** A context that carries only the facts so far. */
    private record FactsOnly(Map<String, String> facts) implements org.openikfz.api.check.CheckContext {
        @Override
        public <T> java.util.Optional<T> fact(org.openikfz.api.check.FactKey<T> key) {
            return key.from(facts);
        }

        @Override
        public String procedure() {
            return null;
        }

        @Override
        public org.openikfz.api.dialog.Dialog dialog() {
            return null;
        }

        @Override
        public boolean identificationRequired() {
            return false;
        }

        @Override
        public UUID application() {
            return null;
        }

        @Override
        public String authority() {
            return null;
        }

        @Override
        public org.openikfz.api.value.Land land() {
            return null;
        }

        @Override
        public org.openikfz.api.dialog.Answers answers() {
            return null;
        }

        @Override
        public java.util.Optional<org.openikfz.api.connector.VerifiedIdentity> applicant() {
            return java.util.Optional.empty();
        }

        @Override
        public java.time.LocalDate today() {
            return null;
        }
    }
}

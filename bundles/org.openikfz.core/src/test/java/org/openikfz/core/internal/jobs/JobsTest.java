package org.openikfz.core.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openikfz.api.health.JobStatus;

class JobsTest {

    @Test
    void anOutOfMemoryErrorIsRecordedAndTheJobRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        try (Jobs jobs = new Jobs(Clock.systemUTC())) {
            jobs.schedule("retention", "test", Duration.ofHours(1), () -> {
                if (runs.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space");
                }
            });
            jobs.runNow("retention");
            JobStatus failed = jobs.status().get(0);
            assertFalse(failed.healthy(), "the operator view and health check show the failure");
            assertEquals(1, failed.failures());
            assertTrue(failed.lastError().contains("OutOfMemoryError"), failed.lastError());

            jobs.runNow("retention");
            JobStatus again = jobs.status().get(0);
            assertEquals(2, runs.get(), "the job ran again");
            assertTrue(again.healthy());
            assertNotNull(again.lastSuccess());
            assertNotNull(again.lastFailure(), "the failure stays on record");
        }
    }

    /** A backlog is worked off run after run, without a period's wait between them; the group's other jobs still run. */
    @Test
    void aJobWithMoreToDoRunsAgainAtOnceAndTheGroupsOthersStillRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.CountDownLatch backlogDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch otherRan = new java.util.concurrent.CountDownLatch(1);
        try (Jobs jobs = new Jobs(Clock.systemUTC())) {
            // a period of an hour: only runs at once can work the five rounds of the backlog off in the test's time
            jobs.scheduleBacklog("outbox", "test", Duration.ZERO, Duration.ofHours(1), () -> {
                if (runs.incrementAndGet() == 5) {
                    backlogDone.countDown();
                    return false;
                }
                return true;
            });
            jobs.scheduleBacklog("retention", "test", Duration.ZERO, Duration.ofHours(1), () -> {
                otherRan.countDown();
                return false;
            });
            assertTrue(backlogDone.await(10, java.util.concurrent.TimeUnit.SECONDS), "the backlog's runs: " + runs.get());
            assertTrue(otherRan.await(10, java.util.concurrent.TimeUnit.SECONDS), "the group's other job ran");
            assertTrue(jobs.status().stream().allMatch(JobStatus::healthy), jobs.status().toString());
        }
    }

    @Test
    void aScheduledJobKeepsRunningAfterAnError() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
        try (Jobs jobs = new Jobs(Clock.systemUTC())) {
            jobs.schedule("outbox", "test", Duration.ofMillis(10), () -> {
                three.countDown();
                if (runs.incrementAndGet() % 2 == 1) {
                    throw new StackOverflowError();
                }
            });
            assertTrue(three.await(10, java.util.concurrent.TimeUnit.SECONDS), "the executor did not stop after the first Error");
        }
    }
}

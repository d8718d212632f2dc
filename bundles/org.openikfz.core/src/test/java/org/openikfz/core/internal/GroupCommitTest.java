package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Each transaction the group commit wrote, in order. */
    private final List<Set<String>> transactions = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstWriteRunning = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
    private final AtomicReference<Thread> firstWriter = new AtomicReference<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Writes a transaction; the first one waits until the test releases it; one with "bad" in it fails. */
    private void write(List<String> items) {
        if (firstWriter.compareAndSet(null, Thread.currentThread())) {
            firstWriteRunning.countDown();
            try {
                assertTrue(releaseFirstWrite.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        if (items.contains("bad")) {
            throw new IllegalStateException("refused: " + items);
        }
        transactions.add(Set.copyOf(items));
    }

    /** Commits {@code item} on a thread of its own; the future completes when commit returned, with whether it was written then. */
    private CompletableFuture<Boolean> commit(GroupCommit<String> group, String item) {
        return CompletableFuture.supplyAsync(() -> {
            group.commit(List.of(item));
            return transactions.stream().anyMatch(t -> t.contains(item));
        }, threads);
    }

    /**
     * The first item's caller starts a write that holds until the test releases it; the others' callers
     * come while it runs. Returns once they all wait: their futures, the first item's first.
     */
    private List<CompletableFuture<Boolean>> whileAWriteRuns(GroupCommit<String> group, String first, String... others)
            throws InterruptedException {
        List<CompletableFuture<Boolean>> callers = new java.util.ArrayList<>();
        callers.add(commit(group, first));
        assertTrue(firstWriteRunning.await(30, TimeUnit.SECONDS));
        for (String item : others) {
            callers.add(commit(group, item));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (group.queued() < others.length) {
            assertTrue(System.nanoTime() < until, "callers did not queue up");
            Thread.onSpinWait();
        }
        return callers;
    }

    @Test
    void whatQueuesWhileOneWriteRunsIsWrittenInTheNextTransactionAndEachCallerReturnsOnlyOnceItsItemsAreWritten() throws Exception {
        GroupCommit<String> group = new GroupCommit<>(this::write);
        List<CompletableFuture<Boolean>> callers = whileAWriteRuns(group, "kba-1", "fachverfahren-1", "post-1");
        assertEquals(List.of(), transactions, "nothing is written while the first write waits");

        releaseFirstWrite.countDown();

        for (CompletableFuture<Boolean> caller : callers) {
            assertTrue(caller.get(30, TimeUnit.SECONDS), "written when commit returned");
        }
        assertEquals(List.of(Set.of("kba-1"), Set.of("fachverfahren-1", "post-1")), transactions,
                "two transactions for three callers: the two that waited share one");
    }

    @Test
    void aGroupThatFailsIsWrittenAgainCallerByCallerAndOnlyTheCallerWhoseItemsFailGetsTheFailure() throws Exception {
        GroupCommit<String> group = new GroupCommit<>(this::write);
        List<CompletableFuture<Boolean>> callers = whileAWriteRuns(group, "kba-1", "fachverfahren-1", "bad");
        CompletableFuture<Boolean> first = callers.get(0);
        CompletableFuture<Boolean> good = callers.get(1);
        CompletableFuture<Boolean> bad = callers.get(2);

        releaseFirstWrite.countDown();

        assertTrue(first.get(30, TimeUnit.SECONDS));
        assertTrue(good.get(30, TimeUnit.SECONDS), "the good caller's item is written despite the other's");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals(List.of(Set.of("kba-1"), Set.of("fachverfahren-1")), transactions);
    }

    @Test
    void aCallerAloneGetsItsOwnFailure() {
        GroupCommit<String> group = new GroupCommit<>(items -> {
            throw new IllegalStateException("database gone");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.commit(List.of("kba-1")));
        assertEquals("database gone", e.getMessage());
        // and the next caller is not stuck behind it
        assertThrows(IllegalStateException.class, () -> group.commit(List.of("kba-2")));
    }
}

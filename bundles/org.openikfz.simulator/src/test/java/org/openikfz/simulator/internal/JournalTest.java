package org.openikfz.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.connector.TransferMessage;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void anAppendReturnsOnlyOnceItsLineIsInTheFileAndEveryLineIsThereOnce() throws Exception {
        Path file = dir.resolve("journal.tsv");
        Journal journal = new Journal(file);
        int threads = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    int missing = 0;
                    for (int i = 0; i < each; i++) {
                        String line = thread + "\t" + i;
                        journal.append(line);
                        if (!SimulatorFiles.lines(file).contains(line)) {
                            missing++;
                        }
                    }
                    return missing;
                }));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                assertEquals(0, f.get(1, TimeUnit.MINUTES), "an acknowledged line was not in the file yet");
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = SimulatorFiles.lines(file);
        assertEquals(threads * each, lines.size());
        assertEquals(threads * each, new HashSet<>(lines).size(), "each line once");
        assertTrue(journal.forces() <= threads * each);
    }

    @Test
    void linesQueuedWhileAWriteRunsAreForcedTogetherInTheNext() throws Exception {
        Path file = dir.resolve("grouped.tsv");
        Journal journal = new Journal(file);
        int appends = 5;
        ExecutorService pool = Executors.newFixedThreadPool(appends);
        try {
            List<Future<?>> done = new ArrayList<>();
            // while the file is held (as during a replacement), every append queues: at most the one write that had begun,
            // then one for all the rest
            journal.replace(() -> {
                for (int i = 0; i < appends; i++) {
                    String line = "line " + i;
                    done.add(pool.submit(() -> journal.append(line)));
                }
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (journal.enqueued() < appends && System.nanoTime() < until) {
                    Thread.onSpinWait(); // waits for a condition: every append queued
                }
            });
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(appends, SimulatorFiles.lines(file).size());
        assertTrue(journal.forces() <= 2, "forces for " + appends + " lines appended at once: " + journal.forces());
    }

    @Test
    void aWriteThatFailsFailsItsAppendsAndTheNextAppendIsTriedAgain() {
        Path missing = dir.resolve("no-such-folder").resolve("journal.tsv");
        Journal journal = new Journal(missing);
        assertThrows(UncheckedIOException.class, () -> journal.append("first"));
        assertThrows(UncheckedIOException.class, () -> journal.append("second"), "tried again, failing again, not hanging");
    }

    @Test
    void aReceiverTakesMessagesFromSeveralSendersAtOnceEachOnce() throws Exception {
        PostSimulator post = new PostSimulator(dir);
        int senders = 6;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long id = sender * 1000L + i;
                        TransferMessage m = new TransferMessage(id, UUID.randomUUID(), "ausserbetriebsetzung", true, "{\"letter\":" + id + "}");
                        post.deliver(m);
                        post.deliver(m); // sent again (as after a stop before the mark): counted, not kept twice
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> letters = post.letters(null);
        assertEquals(senders * each, letters.size());
        Set<String> ids = new HashSet<>();
        letters.forEach(l -> ids.add(SimulatorFiles.jsonString(l, "messageId")));
        assertEquals(senders * each, ids.size(), "each message kept once");
        assertEquals(2 * senders * each, SimulatorFiles.lines(dir.resolve("post-deliveries.tsv")).size(), "every delivery counted");
        // a fresh instance (a restart) knows what was kept: a message sent again is not kept twice
        PostSimulator restarted = new PostSimulator(dir);
        restarted.deliver(new TransferMessage(0L, UUID.randomUUID(), "ausserbetriebsetzung", true, "{\"letter\":0}"));
        assertEquals(senders * each, restarted.letters(null).size());
    }
}

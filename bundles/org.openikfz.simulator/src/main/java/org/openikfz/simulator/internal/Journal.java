package org.openikfz.simulator.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A file the simulators append lines to, each forced to disk before the append returns: what a
 * simulated receiver acknowledged survives a crash. Appends that arrive while a force is running are
 * written and forced together in the next one (group commit): several senders delivering to one
 * simulated system at once wait for one force each round, not one after the other for one force per line,
 * which, as a real receiver would not, held the whole transfer backlog to the disk's forces per second.
 *
 * <p>A line is queued ({@link #enqueue}) and then awaited ({@link Entry#await}); a receiver queues its
 * lines while it holds its own lock (so they are in the file in the order it applied them) and awaits
 * them after releasing it, so that the other senders' lines can join the same force.
 */
final class Journal {

    private final Path file;
    /** Guards the queue and the entries' outcomes. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    /** Held while the file is written: the queue's writes and whole-file replacements do not interleave. */
    private final Object io = new Object();
    private List<Entry> queued = new ArrayList<>();
    private boolean writing;
    private long forces;
    private long lines;

    Journal(Path file) {
        this.file = file;
    }

    /** Queues {@code line}; it is in the file, forced, once {@link Entry#await} returned. */
    Entry enqueue(String line) {
        Entry entry = new Entry(line);
        lock.lock();
        try {
            queued.add(entry);
            lines++;
        } finally {
            lock.unlock();
        }
        return entry;
    }

    /** Appends {@code line} and returns once it is forced to disk. */
    void append(String line) {
        enqueue(line).await();
    }

    /** Runs {@code write} on the whole file (a replacement) while no queued lines are being written. */
    void replace(Runnable write) {
        synchronized (io) {
            write.run();
        }
    }

    /** How many forces the journal has made (for tests: fewer than lines when appends came at once). */
    long forces() {
        lock.lock();
        try {
            return forces;
        } finally {
            lock.unlock();
        }
    }

    /** How many lines were queued so far (for tests). */
    long enqueued() {
        lock.lock();
        try {
            return lines;
        } finally {
            lock.unlock();
        }
    }

    /** Awaits each of {@code entries} (queued under a receiver's lock, awaited after it). */
    static void awaitAll(List<Entry> entries) {
        for (Entry e : entries) {
            e.await();
        }
    }

    private void settle(Entry mine) {
        lock.lock();
        try {
            while (!mine.settled) {
                if (writing) {
                    settled.awaitUninterruptibly(); // the running write always ends, signalling
                    continue;
                }
                writing = true; // this caller writes everything queued so far, its own line among it
                List<Entry> batch = queued;
                queued = new ArrayList<>();
                lock.unlock();
                Throwable failure = null;
                try {
                    write(batch);
                } catch (RuntimeException | Error e) {
                    failure = e; // every line of the batch fails with it: none is acknowledged unwritten
                } finally {
                    lock.lock();
                    writing = false;
                    forces++;
                    for (Entry e : batch) {
                        e.failure = failure;
                        e.settled = true;
                    }
                    settled.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        switch (mine.failure) {
            case null -> { }
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(mine.failure);
        }
    }

    private void write(List<Entry> batch) {
        StringBuilder text = new StringBuilder();
        batch.forEach(e -> text.append(e.line).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (io) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A queued line. */
    final class Entry {
        private final String line;
        /** Whether its batch's write ended, and why it failed if it did (both guarded by the journal's lock). */
        private boolean settled;
        private Throwable failure;

        private Entry(String line) {
            this.line = line;
        }

        /** Returns once the line is forced to disk; throws when it could not be written. */
        void await() {
            settle(this);
        }
    }
}

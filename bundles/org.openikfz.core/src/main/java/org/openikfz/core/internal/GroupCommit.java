package org.openikfz.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit: several threads each need their own items written before they go on; whoever comes
 * while a write is running waits, and the next write takes everything that queued up meanwhile, in
 * one transaction. A caller returns only once its items are written (or throws why not), exactly as
 * if it had written them alone; only the number of transactions shrinks.
 *
 * <p>A write of a group that fails is not held against the others: each caller of that group then
 * writes its own items alone, and only a caller whose own items fail gets the failure.
 *
 * @param <T> what is written
 */
final class GroupCommit<T> {

    private final Consumer<List<T>> write;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private List<Request<T>> queued = new ArrayList<>();
    private boolean writing;

    /** @param write writes the given items in one transaction, or throws and writes none of them */
    GroupCommit(Consumer<List<T>> write) {
        this.write = write;
    }

    /** Returns once {@code items} are written, alone or with others' in one transaction. */
    void commit(List<T> items) {
        if (items.isEmpty()) {
            return;
        }
        Request<T> mine = new Request<>(List.copyOf(items));
        List<Request<T>> group;
        lock.lock();
        try {
            queued.add(mine);
            while (writing && mine.outcome == Outcome.QUEUED) {
                written.awaitUninterruptibly(); // the running write is short and always ends, signalling
            }
            if (mine.outcome == Outcome.QUEUED) {
                writing = true; // this caller writes the group: its own items and all that queued meanwhile
                group = queued;
                queued = new ArrayList<>();
            } else {
                group = null;
            }
        } finally {
            lock.unlock();
        }
        if (group != null) {
            writeGroup(group);
        }
        if (mine.outcome == Outcome.ALONE) {
            write.accept(mine.items); // the group's write failed: this caller's own items, on their own
        }
    }

    /** How many callers wait for the next write (for tests). */
    int queued() {
        lock.lock();
        try {
            return queued.size();
        } finally {
            lock.unlock();
        }
    }

    private void writeGroup(List<Request<T>> group) {
        Outcome outcome = Outcome.WRITTEN;
        try {
            List<T> all = new ArrayList<>();
            group.forEach(r -> all.addAll(r.items));
            write.accept(all);
        } catch (RuntimeException | Error e) {
            if (group.size() == 1) {
                finish(group, Outcome.WRITTEN); // nobody else to tell: the failure is the writer's own
                throw e;
            }
            outcome = Outcome.ALONE;
        }
        finish(group, outcome);
    }

    private void finish(List<Request<T>> group, Outcome outcome) {
        lock.lock();
        try {
            group.forEach(r -> r.outcome = outcome);
            writing = false;
            written.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private enum Outcome {
        QUEUED, WRITTEN, ALONE
    }

    private static final class Request<T> {
        final List<T> items;
        Outcome outcome = Outcome.QUEUED; // guarded by the lock

        Request(List<T> items) {
            this.items = items;
        }
    }
}

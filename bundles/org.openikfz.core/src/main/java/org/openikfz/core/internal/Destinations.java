package org.openikfz.core.internal;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.openikfz.api.connector.TransferTarget;

/**
 * The outbox's receivers as they come and go: per destination, the newest connector first; when it
 * goes, the one before it takes over again.
 */
final class Destinations implements Function<String, TransferTarget> {

    private final Map<String, Deque<TransferTarget>> targets = new ConcurrentHashMap<>();

    void add(TransferTarget target) {
        targets.computeIfAbsent(target.destination(), d -> new ConcurrentLinkedDeque<>()).addFirst(target);
    }

    void remove(TransferTarget target) {
        Deque<TransferTarget> deque = targets.get(target.destination());
        if (deque != null) {
            deque.remove(target);
        }
    }

    /** The receiver for a destination now, or {@code null}. */
    @Override
    public TransferTarget apply(String destination) {
        Deque<TransferTarget> deque = targets.get(destination);
        return deque == null ? null : deque.peekFirst();
    }
}

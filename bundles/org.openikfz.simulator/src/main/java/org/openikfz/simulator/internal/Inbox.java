package org.openikfz.simulator.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openikfz.api.connector.TransferMessage;

/**
 * What a simulated receiver took, in {@code data/simulator/<file>}: each message once (idempotent by
 * message id, so a transfer repeated after a crash is kept once), every delivery counted
 * ({@link Deliveries}). A delivery is acknowledged (returns) once its lines are forced to disk; the
 * lines of senders delivering at once share a force ({@link Journal}).
 */
final class Inbox {

    private final Path file;
    private final Deliveries deliveries;
    private final Set<Long> seen = new HashSet<>(); // guarded by this

    /** @param system the receiver's name, for its deliveries count ({@code <system>-deliveries.tsv}) */
    Inbox(Path dir, String system, String fileName) {
        this.file = dir.resolve(fileName);
        this.deliveries = new Deliveries(dir, system);
        for (String line : SimulatorFiles.lines(file)) {
            seen.add(Long.parseLong(SimulatorFiles.jsonString(line, "messageId")));
        }
    }

    /** Counts the delivery and keeps a message not seen before; returns once both are on the disk. */
    void receive(TransferMessage message) {
        List<Journal.Entry> lines = queue(message);
        try {
            Journal.awaitAll(lines); // forced after the lock is released: the other senders' lines join the same force
        } catch (RuntimeException e) {
            if (lines.size() > 1) {
                forget(message); // kept by this call but not acknowledged: taken again when it is sent again
            }
            throw e;
        }
    }

    private synchronized List<Journal.Entry> queue(TransferMessage message) {
        List<Journal.Entry> lines = new ArrayList<>(2);
        lines.add(deliveries.record(message));
        if (seen.add(message.id())) {
            lines.add(SimulatorFiles.journal(file).enqueue(SimulatorFiles.received(message)));
        }
        return lines;
    }

    private synchronized void forget(TransferMessage message) {
        seen.remove(message.id());
    }

    /** Every delivery counted per message id (JSON objects), a repeated one too; optionally only for one application. */
    List<String> deliveries(String application) {
        return deliveries.json(application);
    }

    /** The messages kept, oldest first (JSON lines); optionally only those of one application. */
    List<String> messages(String application) {
        return SimulatorFiles.lines(file).stream()
                .filter(l -> application == null || application.equals(SimulatorFiles.jsonString(l, "application"))).toList();
    }
}

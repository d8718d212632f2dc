package org.openikfz.simulator.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.TransferMessage;
import org.openikfz.api.connector.TransferTarget;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Simulator of the authority's outgoing post ({@link TransferTarget#POST}): mailed decisions,
 * registration documents, seal carriers and notices are recorded, each letter once (idempotent by
 * message id), in {@code data/simulator/post-outbox.jsonl}. The payload names the letter's kind.
 */
@Component(service = {TransferTarget.class, PostSimulator.class})
public final class PostSimulator implements TransferTarget {

    private final Path outbox;
    private final Set<Long> seen = new HashSet<>(); // guarded by this
    private final Deliveries deliveries;
    private final Optional<TransferForwarding> forwarding;

    @Activate
    public PostSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context), TransferForwarding.of(context));
    }

    PostSimulator(Path dir) {
        this(dir, Optional.empty());
    }

    PostSimulator(Path dir, Optional<TransferForwarding> forwarding) {
        this.deliveries = new Deliveries(dir, "post");
        this.forwarding = forwarding;
        this.outbox = dir.resolve("post-outbox.jsonl");
        for (String line : SimulatorFiles.lines(outbox)) {
            seen.add(Long.parseLong(SimulatorFiles.jsonString(line, "messageId")));
        }
    }

    @Override
    public String destination() {
        return POST;
    }

    @Override
    public void deliver(TransferMessage message) throws ConnectorUnavailableException {
        if (forwarding.isPresent()) {
            forwarding.get().deliver("post", message); // several nodes, one set of simulated systems
            return;
        }
        List<Journal.Entry> lines = receive(message);
        try {
            Journal.awaitAll(lines); // forced after the lock is released: the other senders' lines join the same force
        } catch (RuntimeException e) {
            if (lines.size() > 1) {
                forget(message); // kept by this call but not acknowledged: taken again when it is sent again
            }
            throw e;
        }
    }

    /** Counts the delivery and keeps a message not seen before, in the order received; returns the lines to await. */
    private synchronized List<Journal.Entry> receive(TransferMessage message) {
        List<Journal.Entry> lines = new java.util.ArrayList<>(2);
        lines.add(deliveries.record(message));
        if (seen.add(message.id())) {
            lines.add(SimulatorFiles.journal(outbox).enqueue(SimulatorFiles.received(message)));
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

    /** The letters, oldest first; optionally only those of one application. */
    List<String> letters(String application) {
        return SimulatorFiles.lines(outbox).stream()
                .filter(l -> application == null || application.equals(SimulatorFiles.jsonString(l, "application"))).toList();
    }
}

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
 * Simulator of the authority's internal procedure (Fachverfahren): an inbox that records what
 * arrives, in {@code data/simulator/fachverfahren-inbox.jsonl}. Idempotent by message id, so a
 * transfer repeated after a crash is stored once.
 */
@Component(service = {TransferTarget.class, FachverfahrenSimulator.class})
public final class FachverfahrenSimulator implements TransferTarget {

    private final Path inbox;
    private final Set<Long> seen = new HashSet<>(); // guarded by this
    private final Deliveries deliveries;
    private final Optional<TransferForwarding> forwarding;

    @Activate
    public FachverfahrenSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context), TransferForwarding.of(context));
    }

    FachverfahrenSimulator(Path dir) {
        this(dir, Optional.empty());
    }

    FachverfahrenSimulator(Path dir, Optional<TransferForwarding> forwarding) {
        this.deliveries = new Deliveries(dir, "fachverfahren");
        this.forwarding = forwarding;
        this.inbox = dir.resolve("fachverfahren-inbox.jsonl");
        for (String line : SimulatorFiles.lines(inbox)) {
            seen.add(Long.parseLong(SimulatorFiles.jsonString(line, "messageId")));
        }
    }

    @Override
    public String destination() {
        return FACHVERFAHREN;
    }

    @Override
    public void deliver(TransferMessage message) throws ConnectorUnavailableException {
        if (forwarding.isPresent()) {
            forwarding.get().deliver("fachverfahren", message); // several nodes, one set of simulated systems
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
            lines.add(SimulatorFiles.journal(inbox).enqueue(SimulatorFiles.received(message)));
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

    /** What arrived, oldest first; optionally only for one application. */
    List<String> inbox(String application) {
        return SimulatorFiles.lines(inbox).stream()
                .filter(l -> application == null || application.equals(SimulatorFiles.jsonString(l, "application"))).toList();
    }
}

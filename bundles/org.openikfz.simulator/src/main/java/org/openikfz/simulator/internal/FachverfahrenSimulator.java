package org.openikfz.simulator.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    @Activate
    public FachverfahrenSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context));
    }

    FachverfahrenSimulator(Path dir) {
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
    public synchronized void deliver(TransferMessage message) {
        if (seen.add(message.id())) {
            SimulatorFiles.append(inbox, SimulatorFiles.received(message));
        }
    }

    /** What arrived, oldest first; optionally only for one application. */
    List<String> inbox(String application) {
        return SimulatorFiles.lines(inbox).stream()
                .filter(l -> application == null || application.equals(SimulatorFiles.jsonString(l, "application"))).toList();
    }
}

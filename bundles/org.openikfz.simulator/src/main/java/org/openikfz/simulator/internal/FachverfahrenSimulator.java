package org.openikfz.simulator.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    private final Inbox received;
    private final Optional<TransferForwarding> forwarding;

    @Activate
    public FachverfahrenSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context), TransferForwarding.of(context));
    }

    FachverfahrenSimulator(Path dir) {
        this(dir, Optional.empty());
    }

    FachverfahrenSimulator(Path dir, Optional<TransferForwarding> forwarding) {
        this.received = new Inbox(dir, "fachverfahren", "fachverfahren-inbox.jsonl");
        this.forwarding = forwarding;
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
        received.receive(message);
    }

    /** Every delivery counted per message id (JSON objects), a repeated one too; optionally only for one application. */
    List<String> deliveries(String application) {
        return received.deliveries(application);
    }

    /** What arrived, oldest first; optionally only for one application. */
    List<String> inbox(String application) {
        return received.messages(application);
    }
}

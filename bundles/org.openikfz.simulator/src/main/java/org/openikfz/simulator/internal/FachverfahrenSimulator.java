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
import org.osgi.service.component.annotations.Reference;

/**
 * Simulator of the authority's internal procedure (Fachverfahren): an inbox that records what
 * arrives, in {@code data/simulator/fachverfahren-inbox.jsonl}. Idempotent by message id, so a
 * transfer repeated after a crash is stored once. The plate allocation is part of it: a message of
 * kind {@code kennzeichen-freigabe} (an application ended without a registration) gives the plate
 * held for that application back to the {@link KennzeichenSimulator}.
 */
@Component(service = {TransferTarget.class, FachverfahrenSimulator.class})
public final class FachverfahrenSimulator implements TransferTarget {

    /** The kind of the engine's message that an application's plate is free again. */
    static final String PLATE_RELEASE = "kennzeichen-freigabe";

    private final Inbox received;
    private final Optional<TransferForwarding> forwarding;
    private final KennzeichenSimulator plates;

    @Activate
    public FachverfahrenSimulator(BundleContext context, @Reference KennzeichenSimulator plates) {
        this(SimulatorFiles.dir(context), TransferForwarding.of(context), plates);
    }

    /** For tests: no plate allocation. */
    FachverfahrenSimulator(Path dir) {
        this(dir, Optional.empty(), null);
    }

    FachverfahrenSimulator(Path dir, Optional<TransferForwarding> forwarding) {
        this(dir, forwarding, null);
    }

    FachverfahrenSimulator(Path dir, Optional<TransferForwarding> forwarding, KennzeichenSimulator plates) {
        this.received = new Inbox(dir, "fachverfahren", "fachverfahren-inbox.jsonl");
        this.forwarding = forwarding;
        this.plates = plates;
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
        if (plates != null && PLATE_RELEASE.equals(SimulatorFiles.jsonString(message.payload(), "kind"))) {
            plates.release(message.applicationId(), SimulatorFiles.jsonString(message.payload(), "authority"));
        }
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

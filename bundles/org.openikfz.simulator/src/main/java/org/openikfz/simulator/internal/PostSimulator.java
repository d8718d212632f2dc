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
 * Simulator of the authority's outgoing post ({@link TransferTarget#POST}): mailed decisions,
 * registration documents, seal carriers and notices are recorded, each letter once (idempotent by
 * message id), in {@code data/simulator/post-outbox.jsonl}. The payload names the letter's kind.
 */
@Component(service = {TransferTarget.class, PostSimulator.class})
public final class PostSimulator implements TransferTarget {

    private final Inbox received;
    private final Optional<TransferForwarding> forwarding;

    @Activate
    public PostSimulator(BundleContext context) {
        this(SimulatorFiles.dir(context), TransferForwarding.of(context));
    }

    PostSimulator(Path dir) {
        this(dir, Optional.empty());
    }

    PostSimulator(Path dir, Optional<TransferForwarding> forwarding) {
        this.received = new Inbox(dir, "post", "post-outbox.jsonl");
        this.forwarding = forwarding;
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
        received.receive(message);
    }

    /** Every delivery counted per message id (JSON objects), a repeated one too; optionally only for one application. */
    List<String> deliveries(String application) {
        return received.deliveries(application);
    }

    /** The letters, oldest first; optionally only those of one application. */
    List<String> letters(String application) {
        return received.messages(application);
    }
}

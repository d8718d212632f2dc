package org.openikfz.simulator.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openikfz.api.connector.TransferMessage;

/**
 * Every delivery a simulated receiver acknowledged, a repeated one too, in
 * {@code data/simulator/<system>-deliveries.tsv} (message id, application). The receivers take each
 * message id once, so a message sent twice is invisible in what they received; this count makes it
 * visible (several platform nodes on one database must send each message once).
 */
final class Deliveries {

    private final Path file;

    Deliveries(Path dir, String system) {
        this.file = dir.resolve(system + "-deliveries.tsv");
    }

    /**
     * One delivery of {@code message}, counted before the receiver looks whether it knows the id: queued under the
     * receiver's lock, awaited (forced to disk) before the receiver acknowledges.
     */
    Journal.Entry record(TransferMessage message) {
        return SimulatorFiles.journal(file).enqueue(message.id() + "\t" + message.applicationId());
    }

    /** Per message id (in the order first delivered): its application and how often it was delivered; optionally one application's. */
    List<String> json(String application) {
        Map<String, String> applications = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : SimulatorFiles.lines(file)) {
            String[] f = line.split("\t");
            if (application == null || application.equals(SimulatorFiles.field(f, 1))) {
                applications.putIfAbsent(f[0], SimulatorFiles.field(f, 1));
                counts.merge(f[0], 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().map(e -> "{\"messageId\":" + Json.quote(e.getKey()) + ",\"application\":"
                + Json.quote(applications.get(e.getKey())) + ",\"deliveries\":" + e.getValue() + "}").toList();
    }
}

package org.openikfz.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The feature's Land fee-arrears simulator (Sachsen) and its connector on a free port, so that a
 * platform running on this machine, or a framework not yet gone, does not answer for the one under
 * test. Shared with the browser tests (no Pax Exam types here).
 */
public final class LandSimulators {

    private LandSimulators() {
    }

    /** Writes the two configurations into {@code home/etc}; returns the simulator's port. */
    public static int onFreePorts(Path home) throws IOException {
        int port = Ports.free();
        Files.writeString(home.resolve("etc/org.openikfz.simulator.gebuehren.sn.cfg"), "port=" + port + "\n");
        Files.writeString(home.resolve("etc/org.openikfz.connector.gebuehren.sn.cfg"),
                "endpoint=http://127.0.0.1:" + port + "/xkfz/gebuehren\n");
        return port;
    }
}

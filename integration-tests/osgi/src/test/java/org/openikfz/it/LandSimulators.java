package org.openikfz.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The feature's Land fee-arrears simulator (Sachsen) and the mailbox simulator, each with its connector,
 * on free ports, so that a platform running on this machine, or a framework not yet gone, does not
 * answer for the one under test (nor refuses its start by holding the port). Shared with the browser
 * tests (no Pax Exam types here).
 */
public final class LandSimulators {

    private LandSimulators() {
    }

    /** Writes the four configurations into {@code home/etc}; returns the Land simulator's port. */
    public static int onFreePorts(Path home) throws IOException {
        int port = Ports.free();
        Files.writeString(home.resolve("etc/org.openikfz.simulator.gebuehren.sn.cfg"), "port=" + port + "\n");
        Files.writeString(home.resolve("etc/org.openikfz.connector.gebuehren.sn.cfg"),
                "endpoint=http://127.0.0.1:" + port + "/xkfz/gebuehren\n");
        int mail = Ports.free();
        Files.writeString(home.resolve("etc/org.openikfz.simulator.mail.cfg"), "port=" + mail + "\n");
        Files.writeString(home.resolve("etc/org.openikfz.connector.mail.cfg"), "port=" + mail + "\n");
        return port;
    }
}

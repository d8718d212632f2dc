package org.openikfz.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts (ingresses, simulators). Not the kernel's "any free port": that comes from
 * the ephemeral range, which every outgoing connection on the machine also draws from, so between choosing it and
 * the server binding it a JDBC or HTTP client may take it ("Failed to bind"). These come from below that range
 * (Linux: 32768 and up), each handed out once per test JVM, and are checked free when handed out.
 */
public final class Ports {

    private static final int FIRST = 20_000;
    private static final int COUNT = 12_000;
    /** Test JVMs running side by side start at different places. */
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() * 37 % COUNT));

    private Ports() {
    }

    /** A port on the loopback interface that nothing listens on and this JVM has not handed out before. */
    public static int free() throws IOException {
        for (int tries = 0; tries < COUNT; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // in use: the next one
            }
        }
        throw new IOException("no free port between " + FIRST + " and " + (FIRST + COUNT));
    }
}

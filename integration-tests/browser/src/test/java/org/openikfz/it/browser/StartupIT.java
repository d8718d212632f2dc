package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot succeed says so: with the portal's port taken by another program, {@code bin/openikfz start}
 * ends with a non-zero status and names the ingress and the port, instead of reporting a platform that only seems
 * to run (issue #18, item 7). Once the port is free, the same start succeeds.
 */
class StartupIT {

    @Test
    void aTakenPortFailsTheStartLoudly() throws Exception {
        RunningDistribution distribution = RunningDistribution.prepared("startup");
        try {
            RunningDistribution.Started refused;
            try (ServerSocket taken = new ServerSocket(distribution.port, 50, InetAddress.getByName("127.0.0.1"))) {
                refused = distribution.startScript();
            }
            assertEquals(1, refused.status(), refused.output());
            assertTrue(refused.output().contains("could not start") && refused.output().contains("portal cannot listen on 127.0.0.1:"
                    + distribution.port), refused.output());

            RunningDistribution.Started started = distribution.startScript();
            assertEquals(0, started.status(), started.output());
            assertTrue(started.output().contains("started in the background"), started.output());
        } finally {
            distribution.close();
        }
    }
}

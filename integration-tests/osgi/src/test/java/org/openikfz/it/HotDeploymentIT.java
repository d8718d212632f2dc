package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.api.procedure.Procedure;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A procedure bundle copied into deploy/ of the running platform becomes a procedure service, and
 * deleting the file removes it again — no restart (FileInstall watches deploy/ as configured in the
 * distribution's etc/).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeploymentIT {

    private static final long DEADLINE_MS = 2_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Platform.options("hot-deployment", Map.of());
    }

    @Test
    public void procedureBundleComesAndGoesThroughDeployFolder() throws Exception {
        Path deploy = Path.of(System.getProperty("openikfz.home")).resolve("deploy");
        Path fixture = Path.of(System.getProperty("openikfz.fixture.bundle"));
        ServiceTracker<Procedure, Procedure> procedures = new ServiceTracker<>(context, Procedure.class, null);
        procedures.open();
        try {
            assertTrue("no test procedure before deployment", !hasTestProcedure(procedures));

            Path deployed = deploy.resolve(fixture.getFileName());
            Path partial = deploy.resolve(fixture.getFileName() + ".part");
            Files.copy(fixture, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, deployed, StandardCopyOption.ATOMIC_MOVE);
            long appeared = waitFor(() -> hasTestProcedure(procedures));
            System.out.printf("hot deployment: procedure service after %d ms%n", appeared);
            assertEquals("fixture bundle active", Bundle.ACTIVE, fixtureBundle().getState());

            Files.delete(deployed);
            long gone = waitFor(() -> !hasTestProcedure(procedures) && fixtureBundle() == null);
            System.out.printf("hot undeployment: procedure service gone after %d ms%n", gone);
        } finally {
            procedures.close();
        }
    }

    private Bundle fixtureBundle() {
        for (Bundle bundle : context.getBundles()) {
            if ("org.openikfz.testfixture.procedure".equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static boolean hasTestProcedure(ServiceTracker<Procedure, Procedure> procedures) {
        Procedure[] services = procedures.getServices(new Procedure[0]);
        for (Procedure p : services) {
            if (p.description().id().value().equals("testverfahren")) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the condition holds; fails after the deadline. Returns the milliseconds it took. */
    private static long waitFor(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue("not within " + DEADLINE_MS + " ms", elapsed < DEADLINE_MS);
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

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

    /**
     * The machine API is an ingress of its own bundle: while the UI bundle is redeployed (updated: stopped, its new
     * jar resolved, started), every call of the API is answered; the portal is away for a moment and comes back.
     */
    @Test
    public void theMachineApiStaysUpWhileTheUiBundleIsRedeployed() throws Exception {
        var admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        java.util.Dictionary<String, Object> ui = admin.getConfiguration("org.openikfz.ui", null).getProperties();
        java.net.URI api = java.net.URI.create("http://127.0.0.1:" + ui.get("apiPort") + "/api/v1/procedures");
        java.net.URI portal = java.net.URI.create("http://127.0.0.1:" + ui.get("port") + "/");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        waitFor(() -> status(http, portal) == 200, 30_000);
        Bundle bundle = java.util.Arrays.stream(context.getBundles()).filter(b -> "org.openikfz.ui".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        long installed = bundle.getLastModified();
        java.util.concurrent.atomic.AtomicBoolean redeployed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean portalAway = new java.util.concurrent.atomic.AtomicBoolean();
        Thread redeploy = new Thread(() -> {
            try {
                bundle.update();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                redeployed.set(true);
            }
        });
        redeploy.start();
        int calls = 0;
        while (!redeployed.get() || calls < 20) {
            assertEquals("the API answers during the redeployment", 200, status(http, api));
            portalAway.compareAndSet(false, status(http, portal) != 200);
            calls++;
        }
        redeploy.join();
        assertTrue("the UI bundle was redeployed", bundle.getLastModified() > installed);
        waitFor(() -> status(http, portal) == 200, 30_000);
        System.out.printf("UI redeployment: %d API calls answered meanwhile (portal seen away: %s)%n", calls, portalAway.get());
    }

    private static int status(java.net.http.HttpClient http, java.net.URI uri) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
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
        return waitFor(condition, DEADLINE_MS);
    }

    private static long waitFor(BooleanSupplier condition, long deadlineMs) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue("not within " + deadlineMs + " ms", elapsed < deadlineMs);
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

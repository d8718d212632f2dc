package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openikfz.api.application.ApplicationRef;
import org.openikfz.api.application.ApplicationService;
import org.openikfz.api.application.ProcedureCatalog;
import org.openikfz.api.procedure.Procedure;
import org.openikfz.api.procedure.ProcedureId;
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
    @Inject
    private ApplicationService engine;
    @Inject
    private ProcedureCatalog catalog;

    @Configuration
    public Option[] config() {
        // the district offers the test procedure too: the portal and the machine API list only what the district offers
        return Platform.options("hot-deployment", Map.of("org.openikfz.core",
                "district.procedures = ausserbetriebsetzung,wiederzulassung,erstzulassung,umschreibung,testverfahren"));
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
     * A procedure upgrade: version 2 of a procedure bundle dropped next to version 1. New applications, the
     * catalog the portal renders from and the machine API's list get version 2 at once; an application opened
     * on version 1 keeps version 1's dialog until version 1 is removed, and then goes on with version 2 (the
     * documented rule: README, "Upgrading a procedure"). The fixture asks version 2's applicants for a reason that
     * version 1 does not know.
     */
    @Test
    public void anUpgradeKeepsEachApplicationOnTheVersionItWasOpenedWith() throws Exception {
        ProcedureId id = new ProcedureId("testverfahren");
        Path deploy = Path.of(System.getProperty("openikfz.home")).resolve("deploy");
        Path fixture = Path.of(System.getProperty("openikfz.fixture.bundle"));
        Path v1 = deploy.resolve("testverfahren-1.jar");
        Path v2 = deploy.resolve("testverfahren-2.jar");
        var admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
        java.net.URI api = java.net.URI.create("http://127.0.0.1:" + admin.getConfiguration("org.openikfz.ui", null).getProperties()
                .get("apiPort") + "/api/v1/procedures");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            drop(fixture, v1, null);
            waitFor(() -> title(id).equals("Testverfahren (Hot-Deployment)"), 10_000);
            ApplicationRef onV1 = engine.open(id, null);

            drop(fixture, v2, "2.0.0");
            waitFor(() -> title(id).equals("Testverfahren, Version 2"), 10_000);
            assertTrue("the machine API lists version 2", body(http, api).contains("Testverfahren, Version 2"));
            assertTrue("and not version 1", !body(http, api).contains("Hot-Deployment"));
            ApplicationRef onV2 = engine.open(id, null);

            assertEquals("version 2 asks for a reason", Map.of(), engine.answer(onV2, Map.of("kennzeichen", "ERZ-AB 123", "grund", "Test")));
            assertEquals("the application opened on version 1 keeps version 1's dialog", Set.of("grund"),
                    engine.answer(onV1, Map.of("kennzeichen", "ERZ-AB 123", "grund", "Test")).keySet());
            assertEquals("Testverfahren (Hot-Deployment)", publicTitle(onV1));
            assertEquals("Testverfahren, Version 2", publicTitle(onV2));

            Files.delete(v1);
            waitFor(() -> bundles("org.openikfz.testfixture.procedure") == 1, 10_000);
            assertEquals("version 1 gone: its application goes on with version 2", Map.of(),
                    engine.answer(onV1, Map.of("grund", "Test")));
            assertEquals("Testverfahren, Version 2", publicTitle(onV1));
        } finally {
            Files.deleteIfExists(v1);
            Files.deleteIfExists(v2);
        }
        waitFor(() -> catalog.offered(id).isEmpty() && bundles("org.openikfz.testfixture.procedure") == 0, 10_000);
        assertTrue("the machine API lists it no more", !body(http, api).contains("Testverfahren"));
    }

    /** Copies a bundle into deploy/ atomically, with another Bundle-Version when {@code version} is given. */
    private static void drop(Path bundle, Path target, String version) throws Exception {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        if (version == null) {
            Files.copy(bundle, partial, StandardCopyOption.REPLACE_EXISTING);
        } else {
            try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(bundle))) {
                java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
                manifest.getMainAttributes().putValue("Bundle-Version", version);
                try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(partial), manifest)) {
                    for (java.util.jar.JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                        out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private String title(ProcedureId id) {
        return catalog.offered(id).map(d -> d.title().get(java.util.Locale.GERMAN)).orElse("");
    }

    /** The procedure's title on the application's public status page: the version the engine runs it on. */
    private String publicTitle(ApplicationRef ref) {
        var status = engine.status(ref);
        return engine.publicStatus(status.reference(), status.statusCode(), "192.0.2.1").orElseThrow().procedureTitle().get(java.util.Locale.GERMAN);
    }

    private int bundles(String symbolicName) {
        return (int) java.util.Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).count();
    }

    private static String body(java.net.http.HttpClient http, java.net.URI uri) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(uri).header("Accept-Language", "de").timeout(java.time.Duration.ofSeconds(10))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
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

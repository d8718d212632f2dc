package org.openikfz.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Starts the Open i-Kfz distribution: Apache Felix with exactly the bundles of the distribution's
 * feature (OSGi R8 Feature JSON, see {@link FeatureBundles}), in the feature's start order.
 *
 * <p>Layout below the home folder ({@code openikfz.home}): {@code etc/} configuration (framework
 * properties, and {@code *.cfg} files that FileInstall hands to ConfigAdmin), {@code deploy/} hot
 * deployment, {@code data/} databases and the framework cache, {@code logs/}.
 */
public final class Launcher {


    private final Path home;
    /** The platform's one log (see etc/org.ops4j.pax.logging.cfg), for the launcher's and the framework's lines. */
    private final PlatformLog log = new PlatformLog();

    Launcher(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        // before anything touches java.util.logging: keep its handlers until the framework has stopped
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
        Path home = Path.of(System.getProperty(Distribution.HOME_PROPERTY, "."));
        Launcher launcher = new Launcher(home);
        Framework framework;
        try {
            framework = launcher.start();
        } catch (LaunchException e) {
            System.err.println("Open i-Kfz could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "openikfz-shutdown"));
        // the console (bin/openikfz start waits for this line in logs/console.log) and the platform's log
        String line = String.format("Open i-Kfz started in %d ms (home %s)", (System.nanoTime() - started) / 1_000_000,
                launcher.home);
        System.out.println(line);
        launcher.log.log(LAUNCHER_LOGGER, "info", line, null);
        FrameworkEvent event = framework.waitForStop(0);
        System.exit(event.getType() == FrameworkEvent.ERROR ? 1 : 0);
    }

    /** The logger name of the launcher's own lines in the platform's log. */
    static final String LAUNCHER_LOGGER = "org.openikfz.launcher";

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            System.err.println("Open i-Kfz did not stop cleanly: " + e.getMessage());
        }
    }

    /** Creates, fills and starts the framework; returns it running. */
    Framework start() throws LaunchException {
        List<Distribution.Entry> entries;
        try {
            entries = Distribution.bundles(home);
        } catch (IOException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        Map<String, String> properties = frameworkProperties();
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path"));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> withLogger = (Map) properties;
        // Felix takes its logger as an object in the configuration: its messages go to the platform's log
        withLogger.put("felix.log.logger", log.frameworkLogger());
        Framework framework = factory.newFramework(properties);
        try {
            framework.init();
            log.attach(framework.getBundleContext());
            framework.getBundleContext().addFrameworkListener(this::report);
            List<Bundle> bundles = install(framework, entries);
            int highest = 1;
            for (Bundle bundle : bundles) {
                highest = Math.max(highest, bundle.adapt(BundleStartLevel.class).getStartLevel());
            }
            for (Bundle bundle : bundles) {
                if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                    bundle.start();
                }
            }
            framework.start();
            // the beginning start level (etc/framework.properties) also covers hot-deployed bundles;
            // never stop below the feature's highest start order
            FrameworkStartLevel level = framework.adapt(FrameworkStartLevel.class);
            if (level.getStartLevel() < highest) {
                java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
                framework.getBundleContext().addFrameworkListener(e -> {
                    if (e.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                        reached.countDown();
                    }
                });
                level.setStartLevel(highest);
                reached.await(SETTLE_LIMIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            // a component that could not start (an ingress whose port is taken, a store that cannot open its
            // database) fails the start loudly instead of leaving a platform that only seems to run
            List<String> failed = settledFailures(framework);
            if (!failed.isEmpty()) {
                log.log(LAUNCHER_LOGGER, "error", "Open i-Kfz could not start, components failed: "
                        + String.join("; ", failed), null);
                stop(framework);
                throw new LaunchException("components failed to start:\n  " + String.join("\n  ", failed));
            }
            return framework;
        } catch (BundleException e) {
            stop(framework);
            throw new LaunchException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(framework);
            throw new LaunchException("interrupted while starting", e);
        }
    }

    /** How long the components may take to settle after the bundles started; unchanged for this long counts as settled. */
    private static final long SETTLE_LIMIT_MS = 60_000;
    private static final long SETTLED_AFTER_MS = 1_500;

    /**
     * Waits until the components' states stop changing (configurations from etc/ arrive asynchronously and may
     * reactivate a component), then returns those that failed to activate.
     */
    private static List<String> settledFailures(Framework framework) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT_MS * 1_000_000;
        String last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String now = componentStates(framework);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= SETTLED_AFTER_MS * 1_000_000) {
                break;
            }
            Thread.sleep(100);
        }
        return FailedComponents.of(framework.getBundleContext());
    }

    /** A fingerprint of the bundles' states and of the components that failed, to see when the start has settled. */
    private static String componentStates(Framework framework) {
        StringBuilder states = new StringBuilder();
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            states.append(bundle.getBundleId()).append(':').append(bundle.getState()).append(';');
        }
        ServiceReferenceCount services = new ServiceReferenceCount(framework);
        return states.append(services.count()).append(FailedComponents.of(framework.getBundleContext())).toString();
    }

    /** How many services are registered: components that come up register theirs. */
    private record ServiceReferenceCount(Framework framework) {
        int count() {
            try {
                org.osgi.framework.ServiceReference<?>[] all = framework.getBundleContext().getAllServiceReferences(null, null);
                return all == null ? 0 : all.length;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                return -1;
            }
        }
    }

    private List<Bundle> install(Framework framework, List<Distribution.Entry> entries) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Distribution.Entry entry : entries) {
            Bundle bundle = framework.getBundleContext().installBundle(entry.jar().toUri().toString());
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            installed.add(bundle);
        }
        return installed;
    }

    private Map<String, String> frameworkProperties() throws LaunchException {
        Map<String, String> properties;
        try {
            properties = Distribution.frameworkProperties(home);
        } catch (IOException e) {
            throw new LaunchException("cannot read etc/framework.properties: " + e.getMessage(), e);
        }
        properties.put(Constants.FRAMEWORK_STORAGE, home.resolve("data/framework").toString());
        // the feature is the single source of truth: start from it every time, not from a stale cache
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        return properties;
    }

    private void report(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR) {
            String bundle = event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
            log.logOrPrint(LAUNCHER_LOGGER, "error", "ERROR in " + bundle, event.getThrowable());
        }
    }

    /** Start-up failed in a way the operator can act on; the message says how. */
    static final class LaunchException extends Exception {
        LaunchException(String message) {
            super(message);
        }

        LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

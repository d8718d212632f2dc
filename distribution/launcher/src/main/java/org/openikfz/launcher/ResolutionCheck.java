package org.openikfz.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Resolves a build's bundles in Apache Felix — the framework the distribution runs — without starting them: a
 * district whose bundles need a package or capability no bundle of the district provides (a connector without its
 * kit, say) fails its build, naming the bundle and what it misses.
 */
final class ResolutionCheck {

    private ResolutionCheck() {
    }

    /** @param frameworkProperties {@code <distribution>/etc/framework.properties}, read as the launcher reads it */
    static void resolve(List<Path> jars, Path frameworkProperties, String where) throws DistrictBuild.DistrictException {
        Path storage;
        try {
            storage = Files.createTempDirectory("openikfz-resolve");
        } catch (IOException e) {
            throw new DistrictBuild.DistrictException(where + ": no temporary folder for the resolution check: " + e.getMessage(), e);
        }
        Framework framework = null;
        try {
            Map<String, String> properties = Distribution.frameworkProperties(frameworkProperties.getParent().getParent());
            properties.keySet().removeIf(k -> k.startsWith("felix.fileinstall"));
            properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            properties.put("felix.log.level", "0");
            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
            framework = factory.newFramework(properties);
            framework.init();
            List<Bundle> bundles = new ArrayList<>();
            for (Path jar : jars) {
                bundles.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
            }
            framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
            List<String> unresolved = new ArrayList<>();
            for (Bundle bundle : bundles) {
                if (bundle.getState() == Bundle.INSTALLED && !isFragment(bundle)) {
                    unresolved.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " misses " + missing(bundle, framework));
                }
            }
            if (!unresolved.isEmpty()) {
                throw new DistrictBuild.DistrictException(where + ": bundles that do not resolve in this district build:\n  "
                        + String.join("\n  ", unresolved));
            }
        } catch (BundleException | IOException | RuntimeException e) {
            throw new DistrictBuild.DistrictException(where + ": the resolution check could not run: " + e.getMessage(), e);
        } finally {
            if (framework != null) {
                try {
                    framework.stop();
                    framework.waitForStop(10_000);
                } catch (BundleException | InterruptedException e) {
                    // a framework that was never started stops at once
                }
            }
            deleteQuietly(storage);
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The bundle's mandatory requirements no installed bundle (or the framework) provides. */
    private static String missing(Bundle bundle, Framework framework) {
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : bundle.adapt(BundleRevision.class).getDeclaredRequirements(null)) {
            if ("optional".equals(requirement.getDirectives().get(Constants.RESOLUTION_DIRECTIVE))) {
                continue;
            }
            if (!providedByAny(requirement, framework)) {
                String filter = requirement.getDirectives().getOrDefault(Constants.FILTER_DIRECTIVE, "");
                missing.add(PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace()) ? "package " + filter
                        : requirement.getNamespace() + " " + filter);
            }
        }
        // nothing missing of its own: it depends on a bundle that does not resolve
        return missing.isEmpty() ? "a bundle that does not resolve" : String.join(", ", missing);
    }

    private static boolean providedByAny(BundleRequirement requirement, Framework framework) {
        String filterText = requirement.getDirectives().get(Constants.FILTER_DIRECTIVE);
        org.osgi.framework.Filter filter;
        try {
            filter = filterText == null ? null : FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Bundle other : framework.getBundleContext().getBundles()) {
            BundleRevision revision = other.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(requirement.getNamespace())) {
                if (filter == null || filter.matches(capability.getAttributes())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void deleteQuietly(Path path) {
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder
        }
    }
}

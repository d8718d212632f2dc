package org.openikfz.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.Test;
import org.openikfz.launcher.Distribution;

/**
 * Every bundle we build is also a named JPMS module: an explicit module descriptor (not an automatic
 * module) — what {@code jar --describe-module} reports; for our own bundles the module name is the
 * Bundle-SymbolicName.
 */
public class ModulesTest {

    @Test
    public void everyBundleWeBuildIsANamedModule() throws IOException {
        List<Path> ours = new ArrayList<>();
        for (Distribution.Entry entry : Distribution.bundles(Platform.DISTRIBUTION)) {
            if (entry.id().getGroupId().equals("org.openikfz")) {
                ours.add(entry.jar());
            }
        }
        ours.add(Path.of(System.getProperty("openikfz.fixture.bundle")));
        assertTrue("the distribution holds our bundles", ours.size() >= 2);
        for (Path jar : ours) {
            Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
            assertEquals(jar + " is one module", 1, modules.size());
            ModuleDescriptor descriptor = modules.iterator().next().descriptor();
            assertFalse(jar + " has a module-info.class (not an automatic module)", descriptor.isAutomatic());
            try (JarFile file = new JarFile(jar.toFile())) {
                String bsn = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0];
                if (bsn.startsWith("org.openikfz")) {
                    // wrapped third-party bundles keep the module name upstream announced
                    assertEquals(jar + ": module name is the bundle's symbolic name", bsn, descriptor.name());
                }
            }
        }
    }

    @Test
    public void everyJarInTheDistributionsRepositoryIsNamedInTheFeature() throws IOException {
        List<Path> named = Distribution.bundles(Platform.DISTRIBUTION).stream().map(Distribution.Entry::jar).toList();
        try (Stream<Path> files = Files.walk(Platform.DISTRIBUTION.resolve("system"))) {
            List<Path> extra = files.filter(f -> f.toString().endsWith(".jar")).filter(f -> !named.contains(f)).toList();
            assertEquals("jars in system/ that no feature names", List.of(), extra);
        }
    }
}

package org.openikfz.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.openikfz.launcher.Distribution;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Constants;

/**
 * The Pax Exam configuration shared by the tests: Felix with exactly the bundles and framework
 * properties of the built distribution, in a fresh home folder of its own under target/it, with the
 * distribution's etc/ copied and the UI on a free port.
 */
public final class Platform {

    public static final Path DISTRIBUTION = Path.of(System.getProperty("openikfz.distribution"));

    private Platform() {
    }

    /** The options for a framework whose home is {@code target/it/<name>}; extra .cfg files go to its etc/. */
    public static Option[] options(String name, Map<String, String> extraConfig) {
        try {
            Path home = Path.of(System.getProperty("openikfz.it.work")).resolve(name).toAbsolutePath();
            deleteRecursively(home);
            Files.createDirectories(home.resolve("deploy"));
            Files.createDirectories(home.resolve("data"));
            copyDirectory(DISTRIBUTION.resolve("etc"), home.resolve("etc"));
            // the three ingresses on free ports of the loopback interface
            Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"), "port=" + freePort() + "\nhost=127.0.0.1\nbackOfficePort="
                    + freePort() + "\napiPort=" + freePort() + "\n");
            LandSimulators.onFreePorts(home);
            for (Map.Entry<String, String> cfg : extraConfig.entrySet()) {
                EtcFiles.configure(home, cfg.getKey(), cfg.getValue());
            }
            // the framework properties of the distribution, with this test's home instead of the distribution's
            System.setProperty(Distribution.HOME_PROPERTY, home.toString());
            List<Option> options = new ArrayList<>();
            for (Map.Entry<String, String> p : Distribution.frameworkProperties(home).entrySet()) {
                if (p.getKey().equals(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA)) {
                    // Pax Exam adds its own extra system packages: merge, do not overwrite
                    options.add(systemPackages(p.getValue().split(",")));
                } else {
                    options.add(frameworkProperty(p.getKey()).value(p.getValue()));
                }
            }
            for (Distribution.Entry b : Distribution.bundles(DISTRIBUTION)) {
                options.add(bundle(b.jar().toUri().toString()).startLevel(b.startLevel()).start(!isFragment(b.jar())));
            }
            options.add(junitBundles());
            options.add(frameworkStartLevel(60));
            options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository")
                    .value(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")));
            options.add(systemProperty("openikfz.fixture.bundle").value(System.getProperty("openikfz.fixture.bundle")));
            options.add(systemProperty(Distribution.HOME_PROPERTY).value(home.toString()));
            // the distribution logs at INFO through its own Pax Logging (etc/org.ops4j.pax.logging.cfg); before that is
            // configured, Pax Logging's fallback would print every DEBUG line
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("INFO"));
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        }
    }

    public static int freePort() throws IOException {
        return Ports.free();
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}

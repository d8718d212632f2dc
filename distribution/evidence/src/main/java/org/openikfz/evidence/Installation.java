package org.openikfz.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Element;

/**
 * An assembled district build as it lies on the disk: its descriptor ({@code system/district.json}),
 * the configuration in {@code etc/} over the defaults its bundles declare (OSGi Metatype), and the jars
 * in {@code lib/}, {@code system/}, {@code deploy/} and {@code connectors/}.
 */
final class Installation {

    private final Path home;
    private final Map<String, Object> district;
    private final Map<String, Map<String, String>> defaults;

    private Installation(Path home, Map<String, Object> district, Map<String, Map<String, String>> defaults) {
        this.home = home;
        this.district = district;
        this.defaults = defaults;
    }

    /** Reads the installation at home; fails when it is not one (no {@code system/district.json}). */
    static Installation at(Path home) throws IOException {
        Path descriptor = home.resolve("system/district.json");
        if (!Files.isRegularFile(descriptor)) {
            throw new IOException(home + " is not an Open i-Kfz installation (no system/district.json)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> district = Json.MAPPER.readValue(descriptor.toFile(), Map.class);
        return new Installation(home, district, metatypeDefaults(jars(home.resolve("system"))));
    }

    Path home() {
        return home;
    }

    String district() {
        return String.valueOf(district.getOrDefault("district", "unknown"));
    }

    String title() {
        return String.valueOf(district.getOrDefault("title", district()));
    }

    /** Whether the district descriptor asks for simulators. */
    boolean simulatorsDeclared() {
        return Boolean.TRUE.equals(district.get("simulators"));
    }

    /**
     * The value a configuration key has when the platform starts: {@code etc/<pid>.cfg}, else the default
     * its bundle declares; {@code null} when neither has it.
     */
    String setting(String pid, String key) throws IOException {
        Properties cfg = configuration(pid);
        String value = cfg.getProperty(key);
        if (value != null) {
            return value.trim();
        }
        return defaults.getOrDefault(pid, Map.of()).get(key);
    }

    /** Whether etc/ sets the key itself (not a default). */
    boolean configured(String pid, String key) throws IOException {
        return configuration(pid).getProperty(key) != null;
    }

    /** The properties of {@code etc/<pid>.cfg} (empty when there is no such file). */
    Properties configuration(String pid) throws IOException {
        Properties p = new Properties();
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    /** The jars under a folder of the installation, sorted by path (none when it does not exist). */
    List<Path> jars(String folder) throws IOException {
        return jars(home.resolve(folder));
    }

    static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** PID to key to default value, from {@code OSGI-INF/metatype/*.xml} of every jar. */
    private static Map<String, Map<String, String>> metatypeDefaults(List<Path> jars) throws IOException {
        Map<String, Map<String, String>> result = new HashMap<>();
        DocumentBuilder parser = Xml.parser();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<ZipEntry> entries = new ArrayList<>();
                zip.stream().filter(e -> e.getName().startsWith("OSGI-INF/metatype/") && e.getName().endsWith(".xml")).forEach(entries::add);
                for (ZipEntry e : entries) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Element root = parser.parse(in).getDocumentElement();
                        Map<String, Map<String, String>> byOcd = new HashMap<>();
                        for (Element ocd : Xml.elements(root, "OCD")) {
                            Map<String, String> keys = new HashMap<>();
                            for (Element ad : Xml.elements(ocd, "AD")) {
                                if (ad.hasAttribute("default")) {
                                    keys.put(ad.getAttribute("id"), ad.getAttribute("default"));
                                }
                            }
                            byOcd.put(ocd.getAttribute("id"), keys);
                        }
                        for (Element designate : Xml.elements(root, "Designate")) {
                            String pid = designate.hasAttribute("factoryPid") && !designate.getAttribute("factoryPid").isEmpty()
                                    ? designate.getAttribute("factoryPid") : designate.getAttribute("pid");
                            for (Element object : Xml.elements(designate, "Object")) {
                                result.computeIfAbsent(pid, k -> new HashMap<>())
                                        .putAll(byOcd.getOrDefault(object.getAttribute("ocdref"), Map.of()));
                            }
                        }
                    } catch (org.xml.sax.SAXException ex) {
                        throw new IOException(jar + "!/" + e.getName() + ": " + ex.getMessage(), ex);
                    }
                }
            }
        }
        return result;
    }
}

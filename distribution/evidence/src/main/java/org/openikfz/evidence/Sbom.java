package org.openikfz.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * The CycloneDX 1.6 SBOM of an installation: every jar under {@code lib/}, {@code system/}, {@code deploy/} and
 * {@code connectors/}, and every jar nested in one of them.
 *
 * <p><b>Structure.</b> Jars nested in a jar (a bundle's embedded libraries) are sub-components
 * ({@code components}) of that jar, and so are libraries whose classes a bundle inlines when their
 * {@code META-INF/maven} descriptor came along (property {@code openikfz:inlined}); the dependency graph repeats
 * this (a jar depends on what it embeds) and has the district build depend on every top-level jar. Each
 * component's {@code bom-ref} is its path in the installation ({@code system/.../ui.jar!/lib/jetty-server.jar}).
 *
 * <p><b>Identity.</b> Group, name and version come from the jar's own {@code META-INF/maven/.../pom.properties},
 * else from its place in the Maven layout of {@code system/}, else from {@code Bundle-SymbolicName} and
 * {@code Bundle-Version}, else from the file name; the purl {@code pkg:maven/...} only when Maven coordinates
 * are known. Hashes: SHA-256 and SHA-1 of the jar's bytes. Licences: see {@link Licences}.
 *
 * <p><b>Property {@code openikfz:runs}.</b> {@code platform}: the launcher and its class path, the bundles of
 * the district's feature, {@code deploy/}, and jars on a bundle's {@code Bundle-ClassPath}; {@code evidence-tool}:
 * the rest of {@code lib/}; {@code not-started}: {@code connectors/} (other Länder's connectors, shipped but not
 * started), {@code system/} jars outside the feature, and nested jars not on their bundle's class path.
 */
public final class Sbom {

    /** Where in the installation a component is (its bom-ref too). */
    static final String PATH = "openikfz:path";
    /** platform, evidence-tool or not-started (see the class comment). */
    static final String RUNS = "openikfz:runs";
    static final String PLATFORM = "platform";
    static final String EVIDENCE_TOOL = "evidence-tool";
    static final String NOT_STARTED = "not-started";

    private static final String LAUNCHER_PREFIX = "openikfz-launcher-";
    private static final int PROBLEMS_SHOWN = 10;

    private Sbom() {
    }

    /**
     * What {@link #write} found.
     *
     * @param components every component of the SBOM (jars, nested jars, inlined libraries), not the district itself
     * @param jars       the path of every jar in the installation; nested jars as {@code outer.jar!/lib/inner.jar}
     * @param checks     {@code sbom.valid} and {@code sbom.licences}
     */
    public record Result(int components, List<String> jars, List<Check> checks) {
        public Result {
            jars = List.copyOf(jars);
            checks = List.copyOf(checks);
        }
    }

    /**
     * Writes the CycloneDX 1.6 JSON SBOM of the installation at home to out; returns what it found. Checks:
     * {@code sbom.valid} (the file as written validates against the CycloneDX 1.6 JSON schema) and
     * {@code sbom.licences} (PASS when every component declares a licence, FAIL when one of Open i-Kfz's own does
     * not, NOT_CHECKED with the list when only third-party jars carry no licence metadata).
     *
     * @throws IOException when a jar or the district's descriptor cannot be read, or out cannot be written
     */
    public static Result write(Path home, Path out) throws IOException {
        Inventory inventory = new Inventory(home);
        Bom bom = inventory.bom();
        String json;
        try {
            json = BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString(true);
        } catch (GeneratorException e) {
            throw new IOException("cannot write the SBOM as CycloneDX 1.6 JSON: " + e.getMessage(), e);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, json, StandardCharsets.UTF_8);

        List<String> problems = validate(Files.readAllBytes(out));
        String counted = inventory.components + " components (" + inventory.jars.size() + " jars)";
        Check valid = problems.isEmpty()
                ? Check.pass("sbom.valid", "The SBOM is valid CycloneDX 1.6",
                        out.getFileName() + " validates against the CycloneDX 1.6 JSON schema; " + counted + ".")
                : Check.fail("sbom.valid", "The SBOM is valid CycloneDX 1.6",
                        out.getFileName() + " (" + counted + ") does not validate against the CycloneDX 1.6 JSON schema: "
                                + problems.size() + " problems: " + shortList(problems) + ".");
        return new Result(inventory.components, inventory.jars, List.of(valid, licenceCheck(inventory)));
    }

    /** The schema violations of a CycloneDX 1.6 JSON document; empty when it is valid. */
    static List<String> validate(byte[] json) {
        try {
            return new JsonParser().validate(json, Version.VERSION_16).stream().map(ParseException::getMessage).toList();
        } catch (IOException | RuntimeException e) {
            return List.of("cannot be read or validated: " + e.getMessage());
        }
    }

    /**
     * PASS when every component declares a licence. FAIL when one of the platform's own components (group
     * org.openikfz) does not: that is ours to fix. NOT_CHECKED when only third-party jars declare none (some
     * upstream jars carry no licence metadata): their licences must be established by hand; the list says which.
     */
    private static Check licenceCheck(Inventory inventory) {
        String title = "Every component declares its licence";
        List<Unlicensed> missing = inventory.unlicensed;
        if (missing.isEmpty()) {
            return Check.pass("sbom.licences", title, "All " + inventory.components
                    + " components declare a licence (Bundle-License or the licences of their embedded pom.xml).");
        }
        String found = missing.size() + " of " + inventory.components
                + " components declare no licence (neither Bundle-License nor licences in an embedded pom.xml): "
                + String.join(", ", missing.stream().map(Unlicensed::toString).toList()) + ".";
        return missing.stream().anyMatch(Unlicensed::own)
                ? Check.fail("sbom.licences", title, found + " Open i-Kfz's own components must declare theirs.")
                : Check.notChecked("sbom.licences", title, found + " They are third-party jars without licence metadata:"
                        + " their licences are to be established by hand.");
    }

    /** A component without a declared licence; own: one of the platform's (group org.openikfz). */
    record Unlicensed(String path, boolean own, List<String> licenceFiles) {
        @Override
        public String toString() {
            return licenceFiles.isEmpty() ? path : path + " (licence text in " + String.join(", ", licenceFiles) + ")";
        }
    }

    private static String shortList(List<String> items) {
        return items.size() <= PROBLEMS_SHOWN ? String.join("; ", items)
                : String.join("; ", items.subList(0, PROBLEMS_SHOWN)) + "; and " + (items.size() - PROBLEMS_SHOWN) + " more";
    }

    /** Maven coordinates; classifier may be null. */
    record Coordinates(String group, String artifact, String version, String classifier) {

        String purl() {
            return "pkg:maven/" + encode(group) + "/" + encode(artifact) + "@" + encode(version)
                    + (classifier == null ? "" : "?classifier=" + encode(classifier));
        }

        /** Percent-encodes all but the characters a purl leaves as they are. */
        private static String encode(String s) {
            StringBuilder b = new StringBuilder();
            for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '~') {
                    b.append((char) c);
                } else {
                    b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
                }
            }
            return b.toString();
        }

        /** The coordinates of a jar from its path under system/ (group/as/folders/artifact/version/file), or null. */
        static Coordinates ofLayout(List<String> segments) {
            int n = segments.size();
            if (n < 4) {
                return null;
            }
            String artifact = segments.get(n - 3);
            String version = segments.get(n - 2);
            String file = segments.get(n - 1);
            String stem = artifact + "-" + version;
            if (!file.startsWith(stem) || !file.endsWith(".jar")) {
                return null;
            }
            String rest = file.substring(stem.length(), file.length() - ".jar".length());
            if (!rest.isEmpty() && !rest.startsWith("-")) {
                return null;
            }
            return new Coordinates(String.join(".", segments.subList(0, n - 3)), artifact, version,
                    rest.isEmpty() ? null : rest.substring(1));
        }
    }

    /** One SBOM in the making: the installation's jars read, components built. */
    private static final class Inventory {

        private final Path home;
        private final Licences licences = new Licences();
        private final List<String> jars = new ArrayList<>();
        private final List<Unlicensed> unlicensed = new ArrayList<>();
        private final List<Dependency> dependencies = new ArrayList<>();
        private int components;

        Inventory(Path home) {
            this.home = home;
        }

        Bom bom() throws IOException {
            List<JarScan> lib = scan("lib", false);
            List<JarScan> system = scan("system", true);
            List<JarScan> deploy = scan("deploy", false);
            List<JarScan> connectors = scan("connectors", true);

            Set<String> launcherClassPath = null;
            String platformVersion = null;
            for (JarScan jar : lib) {
                if (jar.fileName().startsWith(LAUNCHER_PREFIX)) {
                    launcherClassPath = new HashSet<>();
                    launcherClassPath.add(jar.fileName());
                    String classPath = jar.header("Class-Path");
                    if (classPath != null) {
                        for (String entry : classPath.split("\\s+")) {
                            launcherClassPath.add(entry.substring(entry.lastIndexOf('/') + 1));
                        }
                    }
                    platformVersion = jar.poms().isEmpty() ? null : jar.poms().getFirst().version();
                }
            }
            Set<String> feature = featureBundles();

            List<Component> top = new ArrayList<>();
            for (JarScan jar : lib) {
                String runs = launcherClassPath == null ? null : launcherClassPath.contains(jar.fileName()) ? PLATFORM : EVIDENCE_TOOL;
                top.add(component(jar, null, runs));
            }
            for (JarScan jar : system) {
                List<String> segments = List.of(jar.path().split("/"));
                Coordinates layout = Coordinates.ofLayout(segments.subList(1, segments.size())); // below system/
                String runs = feature == null ? null
                        : layout != null && feature.contains(key(layout)) ? PLATFORM : NOT_STARTED;
                top.add(component(jar, layout, runs));
            }
            for (JarScan jar : deploy) {
                top.add(component(jar, null, PLATFORM));
            }
            for (JarScan jar : connectors) {
                top.add(component(jar, null, NOT_STARTED));
            }

            Component district = district(platformVersion);
            Dependency root = new Dependency(district.getBomRef());
            top.forEach(c -> root.addDependency(new Dependency(c.getBomRef())));
            dependencies.addFirst(root);

            Metadata metadata = new Metadata();
            metadata.setTimestamp(new Date());
            ToolInformation tools = new ToolInformation();
            tools.setComponents(List.of(
                    tool(Component.Type.APPLICATION, "org.openikfz", "openikfz-evidence", Sbom.class),
                    tool(Component.Type.LIBRARY, "org.cyclonedx", "cyclonedx-core-java", Bom.class)));
            metadata.setToolChoice(tools);
            metadata.setComponent(district);

            Bom bom = new Bom();
            bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
            bom.setVersion(1);
            bom.setMetadata(metadata);
            bom.setComponents(top);
            bom.setDependencies(dependencies);
            return bom;
        }

        /** The jars in a folder of the installation, by path; none when the folder is missing. */
        private List<JarScan> scan(String folder, boolean recursive) throws IOException {
            Path dir = home.resolve(folder);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir, recursive ? Integer.MAX_VALUE : 1)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                        .sorted().toList();
            }
            List<JarScan> scans = new ArrayList<>();
            for (Path file : files) {
                String path = relative(file);
                try (InputStream in = Files.newInputStream(file)) {
                    scans.add(JarScan.read(in, path, 0));
                } catch (IOException e) {
                    throw new IOException("cannot read " + path + ": " + e.getMessage(), e);
                }
            }
            return scans;
        }

        private String relative(Path file) {
            Path rel = home.relativize(file);
            List<String> names = new ArrayList<>();
            rel.forEach(p -> names.add(p.toString()));
            return String.join("/", names);
        }

        /** The component of a jar, with its nested jars and inlined libraries as sub-components. */
        private Component component(JarScan jar, Coordinates layout, String runs) {
            Component c = new Component();
            c.setBomRef(jar.path());
            String bsn = jar.symbolicName();
            JarScan.Pom own = ownPom(jar, layout, bsn);
            Coordinates coordinates = own != null
                    ? new Coordinates(own.groupId(), own.artifactId(), own.version(), classifier(jar.fileName(), own))
                    : layout;
            if (coordinates != null) {
                c.setGroup(coordinates.group());
                c.setName(coordinates.artifact());
                c.setVersion(coordinates.version());
                c.setPurl(coordinates.purl());
            } else if (bsn != null) {
                c.setName(bsn);
                c.setVersion(jar.header("Bundle-Version"));
            } else {
                String stem = jar.fileName().substring(0, jar.fileName().length() - ".jar".length());
                int dash = versionDash(stem);
                c.setName(dash < 0 ? stem : stem.substring(0, dash));
                c.setVersion(dash < 0 ? null : stem.substring(dash + 1));
            }
            boolean framework = "org.apache.felix.framework".equals(bsn)
                    || (coordinates != null && "org.apache.felix.framework".equals(coordinates.artifact()));
            c.setType(framework ? Component.Type.FRAMEWORK : Component.Type.LIBRARY);
            c.setDescription(jar.header("Bundle-Name"));
            c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, jar.sha256()), new Hash(Hash.Algorithm.SHA1, jar.sha1())));
            LicenseChoice manifestLicences = licences.fromBundleLicense(jar.header("Bundle-License"));
            LicenseChoice pomLicences = own == null ? null : licences.fromPomXml(own.pomXml());
            setLicences(c, Licences.isSpdx(pomLicences) && !Licences.isSpdx(manifestLicences) ? pomLicences
                    : manifestLicences != null ? manifestLicences : pomLicences, jar.licenceFiles());

            List<Property> properties = new ArrayList<>();
            properties.add(new Property(PATH, jar.path()));
            if (runs != null) {
                properties.add(new Property(RUNS, runs));
            }
            if (bsn != null) {
                properties.add(new Property("openikfz:bundle-symbolic-name", bsn));
                if (jar.header("Bundle-Version") != null) {
                    properties.add(new Property("openikfz:bundle-version", jar.header("Bundle-Version")));
                }
            }
            c.setProperties(properties);
            jars.add(jar.path());
            components++;

            List<Component> inside = new ArrayList<>();
            List<String> classPath = jar.bundleClassPath();
            for (JarScan nested : jar.nested()) {
                String entry = nested.path().substring(nested.path().lastIndexOf("!/") + 2);
                inside.add(component(nested, null, runs == null ? null : classPath.contains(entry) ? runs : NOT_STARTED));
            }
            for (JarScan.Pom pom : jar.poms()) {
                if (pom != own) {
                    inside.add(inlined(jar, pom, runs));
                }
            }
            if (!inside.isEmpty()) {
                c.setComponents(inside);
                Dependency embeds = new Dependency(c.getBomRef());
                inside.forEach(i -> embeds.addDependency(new Dependency(i.getBomRef())));
                dependencies.add(embeds);
            }
            return c;
        }

        /** A library whose classes the jar carries inlined (its Maven descriptor came along, its jar did not). */
        private Component inlined(JarScan host, JarScan.Pom pom, String runs) {
            Coordinates coordinates = new Coordinates(pom.groupId(), pom.artifactId(), pom.version(), null);
            Component c = new Component();
            c.setBomRef(host.path() + "#" + pom.groupId() + ":" + pom.artifactId());
            c.setType(Component.Type.LIBRARY);
            c.setGroup(pom.groupId());
            c.setName(pom.artifactId());
            c.setVersion(pom.version());
            c.setPurl(coordinates.purl());
            setLicences(c, licences.fromPomXml(pom.pomXml()), List.of());
            List<Property> properties = new ArrayList<>();
            properties.add(new Property(PATH, host.path()));
            if (runs != null) {
                properties.add(new Property(RUNS, runs));
            }
            properties.add(new Property("openikfz:inlined", "true"));
            c.setProperties(properties);
            components++;
            return c;
        }

        private void setLicences(Component c, LicenseChoice choice, List<String> licenceFiles) {
            if (choice == null) {
                boolean own = "org.openikfz".equals(c.getGroup()) || c.getName().startsWith("org.openikfz.");
                unlicensed.add(new Unlicensed(c.getBomRef(), own, licenceFiles));
            } else {
                c.setLicenses(choice);
            }
        }

        /**
         * The jar's own Maven descriptor among those it carries (a bundle may carry those of libraries it inlines):
         * the one whose artifactId the file name, the Maven layout or the Bundle-SymbolicName names (the longest
         * such artifactId); a single descriptor also when nothing else identifies the jar.
         */
        private static JarScan.Pom ownPom(JarScan jar, Coordinates layout, String bsn) {
            JarScan.Pom best = null;
            for (JarScan.Pom pom : jar.poms()) {
                String a = pom.artifactId();
                boolean named = jar.fileName().startsWith(a + "-") || jar.fileName().equals(a + ".jar") || a.equals(bsn)
                        || (layout != null && layout.group().equals(pom.groupId()) && layout.artifact().equals(a));
                if (named && (best == null || a.length() > best.artifactId().length())) {
                    best = pom;
                }
            }
            if (best == null && jar.poms().size() == 1 && layout == null && bsn == null) {
                best = jar.poms().getFirst();
            }
            return best;
        }

        /** The classifier in a file name artifact-version-classifier.jar, else null. */
        private static String classifier(String fileName, JarScan.Pom pom) {
            String stem = pom.artifactId() + "-" + pom.version() + "-";
            return fileName.startsWith(stem) && fileName.endsWith(".jar") && fileName.length() > stem.length() + 4
                    ? fileName.substring(stem.length(), fileName.length() - 4) : null;
        }

        /** The dash before a version in a file name stem (name-1.2.3), or -1. */
        private static int versionDash(String stem) {
            for (int i = stem.indexOf('-'); i >= 0; i = stem.indexOf('-', i + 1)) {
                if (i + 1 < stem.length() && Character.isDigit(stem.charAt(i + 1))) {
                    return i;
                }
            }
            return -1;
        }

        private static String key(Coordinates c) {
            return c.group() + ":" + c.artifact() + ":" + c.version() + (c.classifier() == null ? "" : ":" + c.classifier());
        }

        /** The bundles (group:artifact:version[:classifier]) of the feature files in system/, or null when there are none. */
        private Set<String> featureBundles() throws IOException {
            Path system = home.resolve("system");
            if (!Files.isDirectory(system)) {
                return null;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(system)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".feature.json")).sorted().toList();
            }
            if (files.isEmpty()) {
                return null;
            }
            Set<String> bundles = new HashSet<>();
            for (Path file : files) {
                for (JsonNode bundle : Json.MAPPER.readTree(file.toFile()).path("bundles")) {
                    // group:artifact[:type[:classifier]]:version
                    String[] id = bundle.path("id").asText("").split(":");
                    if (id.length >= 3) {
                        String classifier = id.length == 5 ? id[3] : null;
                        bundles.add(key(new Coordinates(id[0], id[1], id[id.length - 1], classifier)));
                    }
                }
            }
            return bundles;
        }

        /** The district build, from system/district.json ("district", "title"); the folder's name without it. */
        private Component district(String platformVersion) throws IOException {
            Path descriptor = home.resolve("system").resolve("district.json");
            String district = null;
            String title = null;
            if (Files.isRegularFile(descriptor)) {
                JsonNode json = Json.MAPPER.readTree(descriptor.toFile());
                district = json.path("district").asText(null);
                title = json.path("title").asText(null);
            }
            if (district == null) {
                Path name = home.toAbsolutePath().normalize().getFileName();
                district = name == null ? "unknown" : name.toString();
            }
            Component c = new Component();
            c.setType(Component.Type.APPLICATION);
            c.setBomRef("openikfz-district-" + district);
            c.setGroup("org.openikfz");
            c.setName("openikfz-district-" + district);
            c.setVersion(platformVersion);
            c.setDescription(title != null ? title : "Open i-Kfz district build " + district);
            c.setProperties(List.of(new Property("openikfz:district", district)));
            return c;
        }

        /** A tool that made the SBOM, with the version its jar's Maven descriptor names (none outside a jar). */
        private static Component tool(Component.Type type, String group, String artifact, Class<?> anyClass) throws IOException {
            Component c = new Component();
            c.setType(type);
            c.setGroup(group);
            c.setName(artifact);
            String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
            try (InputStream in = anyClass.getResourceAsStream(resource)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    c.setVersion(p.getProperty("version"));
                }
            }
            if (c.getVersion() != null) {
                c.setPurl(new Coordinates(group, artifact, c.getVersion(), null).purl());
            }
            return c;
        }
    }
}

package org.openikfz.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.feature.impl.FeatureServiceImpl;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.ID;

/**
 * What a distribution folder says about the runtime: its bundles, as its feature file names them
 * (where each jar lies in {@code system/} and at which start level it starts), and its framework
 * properties ({@code etc/framework.properties}). Used by the launcher and by the integration tests,
 * so both run exactly what the distribution says.
 */
public final class Distribution {

    /** The feature file, relative to the distribution's home folder. */
    public static final String FEATURE_FILE = "system/openikfz.feature.json";
    /** The framework property that names the distribution's home folder. */
    public static final String HOME_PROPERTY = "openikfz.home";
    private static final String START_ORDER = "start-order";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    /** One bundle of the feature. */
    public record Entry(ID id, Path jar, int startLevel) {
    }

    private Distribution() {
    }

    /**
     * Reads the feature of the distribution in {@code home}; the entries come in start order.
     *
     * @throws IOException when the feature cannot be read or a bundle is missing
     */
    public static List<Entry> bundles(Path home) throws IOException {
        Path file = home.resolve(FEATURE_FILE);
        Feature feature;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            feature = new FeatureServiceImpl().readFeature(reader);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the feature " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = feature.getBundles().stream()
                .map(b -> new Entry(b.getID(), artifactPath(home, b.getID()), startOrder(b)))
                .sorted(Comparator.comparingInt(Entry::startLevel))
                .toList();
        for (Entry entry : entries) {
            if (!Files.isRegularFile(entry.jar())) {
                throw new IOException("bundle " + entry.id() + " of the feature is missing: " + entry.jar());
            }
        }
        return entries;
    }

    /**
     * The framework properties of the distribution in {@code home}: {@code etc/framework.properties}
     * with {@code ${name}} replaced by system properties or other entries ({@code openikfz.home} is
     * {@code home}); a Java system property of the same name wins over the file.
     */
    public static Map<String, String> frameworkProperties(Path home) throws IOException {
        Properties file = new Properties();
        Path path = home.resolve("etc/framework.properties");
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                file.load(in);
            }
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(HOME_PROPERTY, home.toString());
        for (String name : file.stringPropertyNames()) {
            properties.put(name, System.getProperty(name, file.getProperty(name)));
        }
        properties.replaceAll((name, value) -> substitute(value, properties));
        return properties;
    }

    private static String substitute(String value, Map<String, String> properties) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = System.getProperty(name, properties.getOrDefault(name, m.group()));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    /** The bundle's start level: its {@code start-order} in the feature, 1 when it has none. */
    static int startOrder(FeatureBundle bundle) {
        Object order = bundle.getMetadata().get(START_ORDER);
        return order == null ? 1 : Integer.parseInt(order.toString());
    }

    /** Where the distribution keeps an artifact: Maven repository layout below {@code system/}. */
    static Path artifactPath(Path home, ID id) {
        return repositoryPath(home.resolve("system"), id);
    }

    /** Where a Maven-layout repository keeps an artifact. */
    static Path repositoryPath(Path repository, ID id) {
        String name = id.getArtifactId() + "-" + id.getVersion()
                + id.getClassifier().map(c -> "-" + c).orElse("") + "." + id.getType().orElse("jar");
        return repository.resolve(id.getGroupId().replace('.', '/')).resolve(id.getArtifactId()).resolve(id.getVersion()).resolve(name);
    }
}

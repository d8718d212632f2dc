package org.openikfz.launcher;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.felix.feature.impl.FeatureServiceImpl;
import org.osgi.service.feature.BuilderFactory;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBuilder;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.ID;

/**
 * Assembles the build of one district (Zulassungsbezirk) from its descriptor, {@code districts/<district>.json}:
 * the bundles of the features it names (the platform's base, its procedures, its Land connector and, when it
 * says so, the simulators) as the distribution's feature file and {@code system/} repository, and its
 * configuration as {@code etc/<pid>.cfg} files for FileInstall — the one mechanism by which any configuration
 * reaches the platform. Every configuration is checked against the metatype the build's bundles declare, and the
 * bundles are resolved in Felix: a misspelt PID or key, a wrong type, an unknown feature or a bundle that does
 * not resolve fails the build with its name.
 *
 * <pre>
 * java -cp lib/* org.openikfz.launcher.DistrictBuild --descriptor districts/zwickau.json
 *     --features features/target/slingfeature-tmp --repository distribution/target/repository
 *     --framework-properties distribution/src/main/dist/etc/framework.properties --out distribution/target/district
 * </pre>
 */
public final class DistrictBuild {

    /** What every district build contains. */
    static final List<String> BASE = List.of("runtime", "api", "store", "core", "connectors", "checks", "ui", "backoffice");
    private static final Set<String> DESCRIPTOR_KEYS = Set.of("district", "title", "description", "procedures", "connectors",
            "features", "simulators", "feeTable", "configurations");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** The file names below {@code etc/} the build writes besides the configurations. */
    static final String FEE_TABLE = "fees.tsv";

    /** A district build that cannot be made; the message names what is wrong and where. */
    public static final class DistrictException extends Exception {
        DistrictException(String message) {
            super(message);
        }

        DistrictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a build produced: the feature's bundles and the configurations written. */
    public record Result(String district, List<ID> bundles, Map<String, Map<String, String>> configurations) {
    }

    private final Path features;
    private final Path repository;
    private final Path frameworkProperties;

    /**
     * @param features the folder of the resolved feature files ({@code feature-<name>.json})
     * @param repository a Maven-layout folder holding every bundle those features name
     * @param frameworkProperties the distribution's {@code etc/framework.properties} (for the resolution check)
     */
    public DistrictBuild(Path features, Path repository, Path frameworkProperties) {
        this.features = features;
        this.repository = repository;
        this.frameworkProperties = frameworkProperties;
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("--descriptor", "--features", "--repository", "--framework-properties", "--out")) {
            if (!options.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty() || args.length % 2 != 0) {
            System.err.println("usage: DistrictBuild --descriptor districts/<district>.json --features <dir> --repository <dir>"
                    + " --framework-properties <file> --out <dir>   (missing: " + String.join(", ", missing) + ")");
            System.exit(2);
        }
        try {
            Result result = new DistrictBuild(Path.of(options.get("--features")), Path.of(options.get("--repository")),
                    Path.of(options.get("--framework-properties"))).build(Path.of(options.get("--descriptor")), Path.of(options.get("--out")));
            System.out.printf("District build '%s': %d bundles, configurations %s%n", result.district(), result.bundles().size(),
                    result.configurations().keySet());
        } catch (DistrictException e) {
            System.err.println("District build failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes {@code out/system/} (feature file, bundles, the descriptor), {@code out/etc/} and {@code out/connectors/} (the
     * other Länder's connectors) for the district.
     */
    public Result build(Path descriptorFile, Path out) throws DistrictException {
        String where = descriptorFile.getFileName().toString();
        JsonObject descriptor = read(descriptorFile);
        for (String key : descriptor.keySet()) {
            if (!DESCRIPTOR_KEYS.contains(key)) {
                throw new DistrictException(where + ": unknown key '" + key + "' (known: " + new java.util.TreeSet<>(DESCRIPTOR_KEYS) + ")");
            }
        }
        String district = string(descriptor, "district", where, true);
        if (!NAME.matcher(district).matches()) {
            throw new DistrictException(where + ": district '" + district + "' must be lower-case letters, digits and '-'");
        }
        List<String> procedures = names(descriptor, "procedures", where);
        if (procedures.isEmpty()) {
            throw new DistrictException(where + ": a district offers at least one procedure (\"procedures\")");
        }
        List<String> connectors = names(descriptor, "connectors", where);
        JsonValue simulatorsValue = descriptor.getOrDefault("simulators", JsonValue.FALSE);
        if (simulatorsValue != JsonValue.TRUE && simulatorsValue != JsonValue.FALSE) {
            throw new DistrictException(where + ": \"simulators\" must be true or false");
        }
        boolean simulators = simulatorsValue == JsonValue.TRUE;
        Set<String> featureNames = new LinkedHashSet<>(BASE);
        featureNames.addAll(procedures);
        featureNames.addAll(connectors);
        featureNames.addAll(names(descriptor, "features", where));
        if (simulators) {
            featureNames.add("simulators");
            for (String connector : connectors) {
                if (Files.exists(featureFile("simulators-" + connector))) {
                    featureNames.add("simulators-" + connector);
                }
            }
        }

        Map<ID, Integer> bundles = new LinkedHashMap<>();
        for (String name : featureNames) {
            for (FeatureBundle bundle : feature(name, where).getBundles()) {
                bundles.merge(bundle.getID(), Distribution.startOrder(bundle), Math::min);
            }
        }
        Path system = out.resolve("system");
        Path etc = out.resolve("etc");
        List<Path> jars = new ArrayList<>();
        try {
            deleteRecursively(out);
            Files.createDirectories(system);
            Files.createDirectories(etc);
            for (ID id : bundles.keySet()) {
                Path source = Distribution.repositoryPath(repository, id);
                if (!Files.isRegularFile(source)) {
                    throw new DistrictException(where + ": bundle " + id + " is not in the repository " + repository);
                }
                Path target = Distribution.artifactPath(out, id);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                jars.add(target);
            }
            writeFeature(district, descriptor, bundles, out.resolve(Distribution.FEATURE_FILE));
            otherLandConnectors(featureNames, simulators, out.resolve("connectors"), where);
            Files.copy(descriptorFile, system.resolve("district.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DistrictException(where + ": cannot write the build to " + out + ": " + e.getMessage(), e);
        }

        Map<String, Map<String, String>> configurations = configurations(descriptor, where, procedures, descriptorFile, etc, jars);
        try {
            for (Map.Entry<String, Map<String, String>> configuration : configurations.entrySet()) {
                StringBuilder text = new StringBuilder("# Written by the district build from districts/" + where
                        + ": change the descriptor and build again, or edit here for this installation only.\n");
                configuration.getValue().forEach((key, value) -> text.append(key).append(" = ").append(escape(value)).append('\n'));
                Files.writeString(etc.resolve(configuration.getKey() + ".cfg"), text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DistrictException(where + ": cannot write etc/: " + e.getMessage(), e);
        }
        ResolutionCheck.resolve(jars, frameworkProperties, where);
        return new Result(district, List.copyOf(bundles.keySet()), configurations);
    }

    /**
     * {@code connectors/}: the Land fee-arrears connectors the district does not include (features {@code gebuehren-*}),
     * with their simulators only in a build with simulators, to deploy into a running installation.
     */
    private void otherLandConnectors(Set<String> included, boolean simulators, Path connectors, String where)
            throws IOException, DistrictException {
        Files.createDirectories(connectors);
        List<String> names = new ArrayList<>();
        try (var files = Files.list(features)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("feature-gebuehren-") && f.endsWith(".json"))
                    .map(f -> f.substring("feature-".length(), f.length() - ".json".length())).sorted().forEach(names::add);
        }
        for (String name : names) {
            if (included.contains(name)) {
                continue;
            }
            List<String> copied = new ArrayList<>(List.of(name));
            if (simulators && Files.exists(featureFile("simulators-" + name))) {
                copied.add("simulators-" + name);
            }
            for (String feature : copied) {
                for (FeatureBundle bundle : feature(feature, where).getBundles()) {
                    Files.copy(Distribution.repositoryPath(repository, bundle.getID()),
                            connectors.resolve(bundle.getID().getArtifactId() + ".jar"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The descriptor's configurations, checked against the bundles' metatype, with what the build itself adds. */
    private Map<String, Map<String, String>> configurations(JsonObject descriptor, String where, List<String> procedures,
            Path descriptorFile, Path etc, List<Path> jars) throws DistrictException {
        Metatype metatype;
        try {
            metatype = Metatype.of(jars);
        } catch (IOException e) {
            throw new DistrictException(where + ": cannot read the bundles' metatype: " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> result = new TreeMap<>();
        JsonObject given = descriptor.containsKey("configurations") ? descriptor.getJsonObject("configurations") : JsonValue.EMPTY_JSON_OBJECT;
        for (Map.Entry<String, JsonValue> pid : given.entrySet()) {
            Map<String, Metatype.Attribute> keys = metatype.keys(pid.getKey());
            if (keys == null) {
                throw new DistrictException(where + ": configuration '" + pid.getKey() + "': no bundle of this build has a"
                        + " configuration with this PID (known: " + String.join(", ", metatype.known()) + ")");
            }
            if (pid.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw new DistrictException(where + ": configuration '" + pid.getKey() + "' must be an object of keys and values");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> entry : pid.getValue().asJsonObject().entrySet()) {
                Metatype.Attribute attribute = keys.get(entry.getKey());
                if (attribute == null) {
                    throw new DistrictException(where + ": configuration '" + pid.getKey() + "': unknown key '" + entry.getKey()
                            + "' (known: " + String.join(", ", keys.keySet()) + ")");
                }
                values.put(entry.getKey(), value(entry.getValue(), attribute, where + ": " + pid.getKey() + "." + entry.getKey()));
            }
            result.put(pid.getKey(), values);
        }
        // what the descriptor says itself: the procedures the portal must offer to be ready, and the fee table
        Map<String, String> core = result.computeIfAbsent("org.openikfz.core", k -> new LinkedHashMap<>());
        if (metatype.keys("org.openikfz.core") != null && metatype.keys("org.openikfz.core").containsKey("district.procedures")) {
            core.putIfAbsent("district.procedures", String.join(",", procedures));
        }
        if (descriptor.containsKey("feeTable")) {
            Path table = descriptorFile.toAbsolutePath().getParent().resolve(string(descriptor, "feeTable", where, true));
            if (!Files.isRegularFile(table)) {
                throw new DistrictException(where + ": feeTable " + table + " does not exist");
            }
            try {
                Files.copy(table, etc.resolve(FEE_TABLE), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new DistrictException(where + ": cannot copy the fee table: " + e.getMessage(), e);
            }
            core.put("fees.file", "${openikfz.home}/etc/" + FEE_TABLE);
        }
        if (core.isEmpty()) {
            result.remove("org.openikfz.core");
        }
        return result;
    }

    /** A configuration value as the .cfg file writes it, checked against its metatype type. */
    private static String value(JsonValue value, Metatype.Attribute attribute, String where) throws DistrictException {
        String text = switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> throw new DistrictException(where + ": a value is a string, a number or true/false"
                    + (attribute.cardinality() != 0 ? " (a list is written as one comma-separated string)" : ""));
        };
        String type = attribute.type();
        try {
            switch (type) {
                case "Integer", "Short", "Byte" -> Integer.parseInt(text.strip());
                case "Long" -> Long.parseLong(text.strip());
                case "Double", "Float" -> Double.parseDouble(text.strip());
                case "Boolean" -> {
                    if (!text.strip().equals("true") && !text.strip().equals("false")) {
                        throw new NumberFormatException();
                    }
                }
                default -> {
                    // String, Char, Password: any text
                }
            }
        } catch (NumberFormatException e) {
            throw new DistrictException(where + ": '" + text + "' is not a value of type " + type);
        }
        return text;
    }

    private Feature feature(String name, String where) throws DistrictException {
        Path file = featureFile(name);
        if (!NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            List<String> known = new ArrayList<>();
            try (var files = Files.list(features)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("feature-") && f.endsWith(".json"))
                        .map(f -> f.substring("feature-".length(), f.length() - ".json".length()))
                        .filter(f -> !f.equals("openikfz") && !f.equals("all")).sorted().forEach(known::add);
            } catch (IOException e) {
                // the list is only a hint
            }
            throw new DistrictException(where + ": unknown feature '" + name + "' (known: " + String.join(", ", known) + ")");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new FeatureServiceImpl().readFeature(reader);
        } catch (IOException | RuntimeException e) {
            throw new DistrictException(where + ": cannot read the feature " + file + ": " + e.getMessage(), e);
        }
    }

    private Path featureFile(String name) {
        return features.resolve("feature-" + name + ".json");
    }

    private static void writeFeature(String district, JsonObject descriptor, Map<ID, Integer> bundles, Path file) throws IOException {
        FeatureServiceImpl service = new FeatureServiceImpl();
        BuilderFactory factory = service.getBuilderFactory();
        ID any = bundles.keySet().iterator().next();
        FeatureBuilder builder = factory.newFeatureBuilder(service.getIDfromMavenCoordinates(
                "org.openikfz:openikfz-district-" + district + ":slingosgifeature:" + any.getVersion()));
        builder.setName(descriptor.getString("title", district));
        builder.setDescription(descriptor.getString("description", "The district build " + district + " (districts/" + district + ".json)"));
        for (Map.Entry<ID, Integer> bundle : bundles.entrySet()) {
            builder.addBundles(factory.newBundleBuilder(bundle.getKey()).addMetadata("start-order", String.valueOf(bundle.getValue())).build());
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            service.writeFeature(builder.build(), writer);
        }
    }

    private static JsonObject read(Path file) throws DistrictException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); var json = Json.createReader(reader)) {
            return json.readObject();
        } catch (IOException e) {
            throw new DistrictException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
            throw new DistrictException(file.getFileName() + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject object, String key, String where, boolean required) throws DistrictException {
        JsonValue value = object.get(key);
        if (value == null && !required) {
            return "";
        }
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            throw new DistrictException(where + ": \"" + key + "\" must be a non-empty string");
        }
        return s.getString().strip();
    }

    private static List<String> names(JsonObject object, String key, String where) throws DistrictException {
        JsonValue value = object.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new DistrictException(where + ": \"" + key + "\" must be a list of feature names");
        }
        List<String> names = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new DistrictException(where + ": \"" + key + "\" must be a list of feature names");
            }
            names.add(s.getString().strip());
        }
        return names;
    }

    /** A value in a .cfg (properties) file: backslashes and line breaks escaped, the rest as written (UTF-8). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

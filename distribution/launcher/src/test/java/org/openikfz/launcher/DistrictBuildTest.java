package org.openikfz.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district build from its descriptor, against a small repository of made-up bundles: what it writes, and that
 * every mistake an IT service provider can make in a descriptor fails the build with its name.
 */
class DistrictBuildTest {

    @TempDir
    Path dir;
    private Path features;
    private Path repository;
    private Path frameworkProperties;

    @BeforeEach
    void repository() throws IOException {
        features = Files.createDirectories(dir.resolve("features"));
        repository = Files.createDirectories(dir.resolve("repository"));
        frameworkProperties = dir.resolve("home/etc/framework.properties");
        Files.createDirectories(frameworkProperties.getParent());
        Files.writeString(frameworkProperties, "org.osgi.framework.startlevel.beginning=50\n");
        for (String base : DistrictBuild.BASE) {
            feature(base, bundle("org.example." + base, "", base.equals("core") ? METATYPE : null), 10);
        }
        feature("ausserbetriebsetzung", bundle("org.example.ausserbetriebsetzung", "", null), 30);
        feature("umschreibung", bundle("org.example.umschreibung", "", null), 30);
        feature("simulators", bundle("org.example.simulator", "", null), 25);
        feature("gebuehren-xx", bundle("org.example.connector.xx", "org.example.kit;version=\"[1,2)\"", null), 30);
        feature("simulators-gebuehren-xx", bundle("org.example.simulator.xx", "", null), 25);
    }

    private static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.2.0">
              <OCD id="org.openikfz.core" name="Engine">
                <AD id="authority" type="String" default=""/>
                <AD id="housekeeping.period" type="Long" default="1000"/>
                <AD id="district.procedures" type="String" cardinality="2147483647"/>
              </OCD>
              <Designate pid="org.openikfz.core"><Object ocdref="org.openikfz.core"/></Designate>
            </metatype:MetaData>
            """;

    @Test
    void writesTheDistrictsFeatureBundlesAndConfiguration() throws Exception {
        Path out = dir.resolve("out");
        DistrictBuild.Result result = build("""
                {"district": "zwickau", "title": "Landratsamt Zwickau", "procedures": ["umschreibung"],
                 "simulators": true,
                 "configurations": {"org.openikfz.core": {"authority": "Z", "housekeeping.period": 250}}}
                """, out);
        assertEquals("zwickau", result.district());
        String feature = Files.readString(out.resolve(Distribution.FEATURE_FILE));
        assertTrue(feature.contains("org.example.umschreibung") && !feature.contains("org.example.ausserbetriebsetzung"), feature);
        assertTrue(feature.contains("org.example.simulator"), "simulators when the descriptor says so: " + feature);
        List<Distribution.Entry> entries = Distribution.bundles(out);
        assertEquals(DistrictBuild.BASE.size() + 2, entries.size());
        assertEquals(30, entries.get(entries.size() - 1).startLevel(), "the start order of the feature is kept");
        String cfg = Files.readString(out.resolve("etc/org.openikfz.core.cfg"), StandardCharsets.UTF_8);
        assertTrue(cfg.contains("authority = Z\n") && cfg.contains("housekeeping.period = 250\n"), cfg);
        assertTrue(Files.exists(out.resolve("system/district.json")));
    }

    @Test
    void theProceduresOfTheDistrictAreWrittenForTheEngineAndSimulatorsOnlyWhenAsked() throws Exception {
        Path out = dir.resolve("out");
        build("""
                {"district": "production", "procedures": ["ausserbetriebsetzung", "umschreibung"], "connectors": ["gebuehren-xx"],
                 "simulators": false}
                """, out, "gebuehren-xx needs its kit");
        feature("kit", bundle("org.example.kit", "", null, "org.example.kit;version=1.0.0"), 20);
        build("""
                {"district": "production", "procedures": ["ausserbetriebsetzung", "umschreibung"], "connectors": ["gebuehren-xx"],
                 "features": ["kit"], "simulators": false}
                """, out);
        String feature = Files.readString(out.resolve(Distribution.FEATURE_FILE));
        assertTrue(!feature.contains("simulator"), feature);
        assertTrue(Files.readString(out.resolve("etc/org.openikfz.core.cfg")).contains("district.procedures = ausserbetriebsetzung,umschreibung"));
    }

    @Test
    void aMisspeltPidFailsTheBuildWithItsName() {
        String message = failure("""
                {"district": "z", "procedures": ["umschreibung"], "configurations": {"org.openikfz.cor": {"authority": "Z"}}}
                """);
        assertTrue(message.contains("'org.openikfz.cor'") && message.contains("org.openikfz.core"), message);
    }

    @Test
    void aMisspeltKeyFailsTheBuildWithItsName() {
        String message = failure("""
                {"district": "z", "procedures": ["umschreibung"], "configurations": {"org.openikfz.core": {"authorty": "Z"}}}
                """);
        assertTrue(message.contains("'authorty'") && message.contains("known: authority"), message);
    }

    @Test
    void aValueOfTheWrongTypeFailsTheBuild() {
        String message = failure("""
                {"district": "z", "procedures": ["umschreibung"], "configurations": {"org.openikfz.core": {"housekeeping.period": "often"}}}
                """);
        assertTrue(message.contains("housekeeping.period") && message.contains("Long"), message);
    }

    @Test
    void anUnknownFeatureOrDescriptorKeyFailsTheBuild() {
        String feature = failure("""
                {"district": "z", "procedures": ["umschreibng"]}
                """);
        assertTrue(feature.contains("'umschreibng'") && feature.contains("umschreibung"), feature);
        String key = failure("""
                {"district": "z", "procedure": ["umschreibung"]}
                """);
        assertTrue(key.contains("'procedure'"), key);
        String flag = failure("""
                {"district": "z", "procedures": ["umschreibung"], "simulators": "no"}
                """);
        assertTrue(flag.contains("simulators"), flag);
    }

    @Test
    void aBundleThatDoesNotResolveInTheDistrictFailsTheBuildNamingWhatItMisses() {
        String message = failure("""
                {"district": "z", "procedures": ["umschreibung"], "connectors": ["gebuehren-xx"]}
                """);
        assertTrue(message.contains("org.example.connector.xx") && message.contains("org.example.kit"), message);
    }

    private DistrictBuild.Result build(String descriptor, Path out) throws Exception {
        Path file = dir.resolve("district.json");
        Files.writeString(file, descriptor);
        return new DistrictBuild(features, repository, frameworkProperties).build(file, out);
    }

    private void build(String descriptor, Path out, String why) {
        assertThrows(DistrictBuild.DistrictException.class, () -> build(descriptor, out), why);
    }

    private String failure(String descriptor) {
        return assertThrows(DistrictBuild.DistrictException.class, () -> build(descriptor, dir.resolve("out"))).getMessage();
    }

    private void feature(String name, String bundleId, int startOrder) throws IOException {
        Files.writeString(features.resolve("feature-" + name + ".json"), "{\"id\":\"org.example:features:slingosgifeature:" + name
                + ":1.0.0\",\"bundles\":[{\"id\":\"" + bundleId + "\",\"start-order\":\"" + startOrder + "\"}]}");
    }

    private String bundle(String symbolicName, String imports, String metatype) throws IOException {
        return bundle(symbolicName, imports, metatype, null);
    }

    /** A bundle jar in the repository; returns its Maven id. */
    private String bundle(String symbolicName, String imports, String metatype, String exports) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        if (!imports.isEmpty()) {
            main.putValue("Import-Package", imports);
        }
        if (exports != null) {
            main.putValue("Export-Package", exports);
        }
        Path jar = Distribution.repositoryPath(repository, new org.apache.felix.feature.impl.FeatureServiceImpl()
                .getIDfromMavenCoordinates("org.example:" + symbolicName + ":1.0.0"));
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            if (metatype != null) {
                out.putNextEntry(new JarEntry("OSGI-INF/metatype/config.xml"));
                out.write(metatype.strip().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return "org.example:" + symbolicName + ":1.0.0";
    }
}

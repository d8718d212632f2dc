package org.openikfz.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path outDir;

    @Test
    void listsEveryJarWithIdentityHashesLicencesAndNestedJars() throws Exception {
        Fake fake = fakeHome();
        Path out = outDir.resolve("sbom.json");

        Sbom.Result result = Sbom.write(home, out);

        assertEquals(List.of("lib/withpom-1.0.jar", "system/org/example/layout-lib/1.2/layout-lib-1.2.jar",
                "deploy/bundle.jar", "deploy/bundle.jar!/lib/inner-4.5.jar", "deploy/bundle.jar!/lib/unused-1.0.jar",
                "connectors/legacy-tool-0.9.jar"), result.jars());
        assertEquals(7, result.components(), "6 jars and the library the bundle inlines");

        JsonNode bom = JSON.readTree(out.toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("1.6", bom.path("specVersion").asText());
        assertTrue(bom.path("serialNumber").asText().startsWith("urn:uuid:"));
        JsonNode metadata = bom.path("metadata");
        assertFalse(metadata.path("timestamp").asText().isEmpty());
        assertEquals("openikfz-district-test", metadata.path("component").path("name").asText());
        assertEquals("Test district", metadata.path("component").path("description").asText());
        assertEquals("openikfz-evidence", metadata.path("tools").path("components").path(0).path("name").asText());

        Map<String, JsonNode> byRef = new LinkedHashMap<>();
        collect(bom.path("components"), byRef);
        assertEquals(7, byRef.size());

        JsonNode withPom = byRef.get("lib/withpom-1.0.jar");
        assertEquals("com.example", withPom.path("group").asText());
        assertEquals("withpom", withPom.path("name").asText());
        assertEquals("1.0", withPom.path("version").asText());
        assertEquals("pkg:maven/com.example/withpom@1.0", withPom.path("purl").asText());
        assertEquals("Apache-2.0", withPom.path("licenses").path(0).path("license").path("id").asText());
        assertHashes(fake.withPom, withPom);

        JsonNode layout = byRef.get("system/org/example/layout-lib/1.2/layout-lib-1.2.jar");
        assertEquals("pkg:maven/org.example/layout-lib@1.2", layout.path("purl").asText(), "coordinates from the Maven layout");
        assertEquals("platform", property(layout, Sbom.RUNS), "a bundle of the feature");

        JsonNode bundle = byRef.get("deploy/bundle.jar");
        assertEquals("com.example.bundle", bundle.path("name").asText());
        assertEquals("2.3.0", bundle.path("version").asText());
        assertTrue(bundle.path("purl").isMissingNode(), "no Maven coordinates, no purl");
        assertEquals("EUPL-1.2", bundle.path("licenses").path(0).path("license").path("id").asText());
        assertEquals("https://example.org/eupl", bundle.path("licenses").path(0).path("license").path("url").asText());
        assertEquals("platform", property(bundle, Sbom.RUNS));
        assertHashes(fake.bundle, bundle);
        List<String> subComponents = new ArrayList<>();
        bundle.path("components").forEach(c -> subComponents.add(c.path("bom-ref").asText()));
        assertEquals(List.of("deploy/bundle.jar!/lib/inner-4.5.jar", "deploy/bundle.jar!/lib/unused-1.0.jar",
                "deploy/bundle.jar#org.inlined:inlined-lib"), subComponents, "nested jars and inlined libraries nest in their bundle");

        JsonNode inner = byRef.get("deploy/bundle.jar!/lib/inner-4.5.jar");
        assertEquals("pkg:maven/com.example/inner@4.5", inner.path("purl").asText());
        assertEquals("MIT", inner.path("licenses").path(0).path("license").path("id").asText());
        assertEquals("platform", property(inner, Sbom.RUNS), "on the Bundle-ClassPath");
        assertHashes(fake.inner, inner);
        assertEquals("not-started", property(byRef.get("deploy/bundle.jar!/lib/unused-1.0.jar"), Sbom.RUNS),
                "shipped in the bundle, not on its Bundle-ClassPath");

        JsonNode inlined = byRef.get("deploy/bundle.jar#org.inlined:inlined-lib");
        assertEquals("pkg:maven/org.inlined/inlined-lib@3.0", inlined.path("purl").asText());
        assertEquals("true", property(inlined, "openikfz:inlined"));

        JsonNode plain = byRef.get("connectors/legacy-tool-0.9.jar");
        assertEquals("legacy-tool", plain.path("name").asText());
        assertEquals("0.9", plain.path("version").asText());
        assertTrue(plain.path("purl").isMissingNode());
        assertTrue(plain.path("licenses").isMissingNode());
        assertEquals("not-started", property(plain, Sbom.RUNS), "other Länder's connectors are shipped, not started");
        assertHashes(fake.plain, plain);

        Map<String, List<String>> graph = new LinkedHashMap<>();
        bom.path("dependencies").forEach(d -> {
            List<String> on = new ArrayList<>();
            d.path("dependsOn").forEach(x -> on.add(x.asText()));
            graph.put(d.path("ref").asText(), on);
        });
        assertEquals(List.of("lib/withpom-1.0.jar", "system/org/example/layout-lib/1.2/layout-lib-1.2.jar",
                "deploy/bundle.jar", "connectors/legacy-tool-0.9.jar"), graph.get("openikfz-district-test"));
        assertEquals(subComponents, graph.get("deploy/bundle.jar"));
    }

    @Test
    void writtenSbomValidatesAgainstTheSchema() throws Exception {
        fakeHome();
        Path out = outDir.resolve("sbom.json");

        Sbom.Result result = Sbom.write(home, out);

        assertEquals(List.of(), Sbom.validate(Files.readAllBytes(out)));
        Check valid = check(result, "sbom.valid");
        assertEquals(Check.Result.PASS, valid.result());
        assertTrue(valid.evidence().contains("7 components"), valid.evidence());
    }

    @Test
    void corruptedSbomFailsValidation() throws Exception {
        fakeHome();
        Path out = outDir.resolve("sbom.json");
        Sbom.write(home, out);
        ObjectNode bom = (ObjectNode) JSON.readTree(out.toFile());

        ((ObjectNode) bom.path("components").path(0)).put("type", "no-such-type");
        assertFalse(Sbom.validate(JSON.writeValueAsBytes(bom)).isEmpty(), "a component type the schema does not know");

        ObjectNode noFormat = (ObjectNode) JSON.readTree(out.toFile());
        noFormat.remove("bomFormat");
        assertFalse(Sbom.validate(JSON.writeValueAsBytes(noFormat)).isEmpty(), "bomFormat is required");

        assertFalse(Sbom.validate("{\"bomFormat\": ".getBytes(StandardCharsets.UTF_8)).isEmpty(), "not JSON");
    }

    @Test
    void licenceCheckLeavesThirdPartyJarsWithoutLicenceNotChecked() throws Exception {
        fakeHome();
        Check licences = check(Sbom.write(home, outDir.resolve("sbom.json")), "sbom.licences");
        assertEquals(Check.Result.NOT_CHECKED, licences.result());
        assertTrue(licences.evidence().contains("connectors/legacy-tool-0.9.jar"), licences.evidence());
        assertTrue(licences.evidence().contains("system/org/example/layout-lib/1.2/layout-lib-1.2.jar (licence text in META-INF/LICENSE.txt)"),
                licences.evidence());
        assertFalse(licences.evidence().contains("lib/withpom-1.0.jar"), licences.evidence());
    }

    @Test
    void licenceCheckFailsForAnOwnComponentWithoutLicence() throws Exception {
        Manifest launcher = manifest();
        launcher.getMainAttributes().put(new Attributes.Name("Class-Path"), "withpom-1.0.jar");
        write("lib/openikfz-launcher-0.1.0.jar", jar(launcher, Map.of(
                "META-INF/maven/org.openikfz/openikfz-launcher/pom.properties", pomProperties("org.openikfz", "openikfz-launcher", "0.1.0"))));
        write("lib/withpom-1.0.jar", withPomJar());
        write("lib/tool-lib-2.0.jar", withPomJar());
        Path out = outDir.resolve("sbom.json");

        Sbom.Result result = Sbom.write(home, out);

        Check licences = check(result, "sbom.licences");
        assertEquals(Check.Result.FAIL, licences.result());
        assertTrue(licences.evidence().startsWith("1 of 3 components declare no licence"), licences.evidence());
        assertTrue(licences.evidence().contains("lib/openikfz-launcher-0.1.0.jar"), licences.evidence());
        Map<String, JsonNode> byRef = new LinkedHashMap<>();
        collect(JSON.readTree(out.toFile()).path("components"), byRef);
        assertEquals("platform", property(byRef.get("lib/withpom-1.0.jar"), Sbom.RUNS), "on the launcher's Class-Path");
        assertEquals("evidence-tool", property(byRef.get("lib/tool-lib-2.0.jar"), Sbom.RUNS));
    }

    @Test
    void licenceCheckPassesWhenEveryComponentDeclaresOne() throws Exception {
        write("lib/withpom-1.0.jar", withPomJar());
        Check licences = check(Sbom.write(home, outDir.resolve("sbom.json")), "sbom.licences");
        assertEquals(Check.Result.PASS, licences.result(), licences.evidence());
    }

    /** The jars' bytes, for the hashes. */
    private record Fake(byte[] withPom, byte[] bundle, byte[] inner, byte[] plain) {}

    /**
     * lib/: a jar with pom.properties and licences in its pom.xml. system/: district.json, a feature and a jar
     * known only by its Maven layout. deploy/: an OSGi bundle with Bundle-License, a nested jar on its
     * Bundle-ClassPath, one not on it, and an inlined library's descriptor. connectors/: a jar with a file name only.
     */
    private Fake fakeHome() throws IOException {
        byte[] withPom = withPomJar();
        write("lib/withpom-1.0.jar", withPom);

        write("system/district.json", "{\"district\": \"test\", \"title\": \"Test district\"}".getBytes(StandardCharsets.UTF_8));
        write("system/openikfz.feature.json", """
                {"id": "org.openikfz:openikfz-district-test:slingosgifeature:1.0",
                 "bundles": [{"id": "org.example:layout-lib:1.2", "start-order": "1"}]}""".getBytes(StandardCharsets.UTF_8));
        write("system/org/example/layout-lib/1.2/layout-lib-1.2.jar", jar(null, Map.of(
                "org/example/Layout.class", new byte[] {(byte) 0xCA, (byte) 0xFE},
                "META-INF/LICENSE.txt", "Some licence text".getBytes(StandardCharsets.UTF_8))));

        byte[] inner = jar(manifest(), Map.of(
                "META-INF/maven/com.example/inner/pom.properties", pomProperties("com.example", "inner", "4.5"),
                "META-INF/maven/com.example/inner/pom.xml", pomXml("MIT", null)));
        byte[] unused = jar(manifest(), Map.of("readme.txt", "not on the class path".getBytes(StandardCharsets.UTF_8)));
        Manifest bundleManifest = manifest();
        Attributes a = bundleManifest.getMainAttributes();
        a.put(new Attributes.Name("Bundle-ManifestVersion"), "2");
        a.put(new Attributes.Name("Bundle-SymbolicName"), "com.example.bundle;singleton:=true");
        a.put(new Attributes.Name("Bundle-Version"), "2.3.0");
        a.put(new Attributes.Name("Bundle-License"), "EUPL-1.2;link=\"https://example.org/eupl\"");
        a.put(new Attributes.Name("Bundle-ClassPath"), ".,lib/inner-4.5.jar");
        Map<String, byte[]> bundleEntries = new LinkedHashMap<>();
        bundleEntries.put("lib/inner-4.5.jar", inner);
        bundleEntries.put("lib/unused-1.0.jar", unused);
        bundleEntries.put("META-INF/maven/org.inlined/inlined-lib/pom.properties", pomProperties("org.inlined", "inlined-lib", "3.0"));
        bundleEntries.put("META-INF/maven/org.inlined/inlined-lib/pom.xml", pomXml("Apache License, Version 2.0", null));
        byte[] bundle = jar(bundleManifest, bundleEntries);
        write("deploy/bundle.jar", bundle);

        byte[] plain = jar(null, Map.of("legacy/Tool.class", new byte[] {1, 2, 3}));
        write("connectors/legacy-tool-0.9.jar", plain);
        return new Fake(withPom, bundle, inner, plain);
    }

    private static byte[] withPomJar() throws IOException {
        return jar(manifest(), Map.of(
                "META-INF/maven/com.example/withpom/pom.properties", pomProperties("com.example", "withpom", "1.0"),
                "META-INF/maven/com.example/withpom/pom.xml",
                pomXml("The Apache Software License, Version 2.0", "http://www.apache.org/licenses/LICENSE-2.0.txt")));
    }

    private void write(String path, byte[] bytes) throws IOException {
        Path file = home.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return m;
    }

    private static byte[] jar(Manifest manifest, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = manifest == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] pomProperties(String group, String artifact, String version) {
        return ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pomXml(String licenceName, String licenceUrl) {
        return ("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <licenses><license><name>%s</name>%s</license></licenses>
                </project>""".formatted(licenceName, licenceUrl == null ? "" : "<url>" + licenceUrl + "</url>"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode components, Map<String, JsonNode> byRef) {
        for (JsonNode c : components) {
            byRef.put(c.path("bom-ref").asText(), c);
            collect(c.path("components"), byRef);
        }
    }

    private static String property(JsonNode component, String name) {
        for (JsonNode p : component.path("properties")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("value").asText();
            }
        }
        return null;
    }

    private static void assertHashes(byte[] bytes, JsonNode component) throws Exception {
        Map<String, String> hashes = new LinkedHashMap<>();
        component.path("hashes").forEach(h -> hashes.put(h.path("alg").asText(), h.path("content").asText()));
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), hashes.get("SHA-256"));
        assertEquals(hex.formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)), hashes.get("SHA-1"));
    }

    private static Check check(Sbom.Result result, String id) {
        Check found = result.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        assertNotNull(found, id);
        return found;
    }
}

package org.openikfz.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What the SBOM needs from one jar, read in a single pass over its bytes: SHA-256 and SHA-1 of the whole file,
 * the manifest's main attributes, every {@code META-INF/maven/<group>/<artifact>/pom.properties} (with the
 * pom.xml beside it) and, recursively, every nested {@code *.jar} entry.
 *
 * @param path     where the jar is, relative to the installation; nested jars as {@code outer.jar!/lib/inner.jar}
 * @param poms     the Maven descriptors found, in entry order
 * @param manifest the main attributes, empty when the jar has no manifest
 * @param licenceFiles the entries META-INF/LICENSE* and META-INF/LICENCE* (texts, not declarations)
 */
record JarScan(String path, String fileName, String sha256, String sha1, Attributes manifest, List<Pom> poms,
               List<String> licenceFiles, List<JarScan> nested) {

    /** Nested jars inside nested jars are followed this deep (a bundle's embedded libraries are depth 1). */
    static final int MAX_DEPTH = 3;

    /** One {@code META-INF/maven/...} descriptor: coordinates from pom.properties, the pom.xml when present. */
    record Pom(String groupId, String artifactId, String version, byte[] pomXml) {}

    static JarScan read(InputStream in, String path, int depth) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = digest("SHA-1");
        Manifest manifest = null;
        Map<String, Properties> pomProperties = new LinkedHashMap<>();
        Map<String, byte[]> pomXml = new LinkedHashMap<>();
        List<String> licenceFiles = new ArrayList<>();
        List<JarScan> nested = new ArrayList<>();
        InputStream digesting = new DigestInputStream(new DigestInputStream(in, sha256), sha1);
        try (ZipInputStream zip = new ZipInputStream(digesting)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                String upper = name.toUpperCase(Locale.ROOT);
                if (upper.startsWith("META-INF/LICENSE") || upper.startsWith("META-INF/LICENCE")) {
                    licenceFiles.add(name);
                }
                if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(zip);
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties properties = new Properties();
                    properties.load(zip);
                    pomProperties.put(name.substring(0, name.length() - "pom.properties".length()), properties);
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml")) {
                    pomXml.put(name.substring(0, name.length() - "pom.xml".length()), zip.readAllBytes());
                } else if (name.toLowerCase(Locale.ROOT).endsWith(".jar") && depth < MAX_DEPTH) {
                    byte[] bytes = zip.readAllBytes();
                    nested.add(read(new ByteArrayInputStream(bytes), path + "!/" + name, depth + 1));
                }
            }
            digesting.transferTo(OutputStream.nullOutputStream()); // the central directory: the hashes cover the whole file
        }
        List<Pom> poms = new ArrayList<>();
        pomProperties.forEach((folder, p) -> {
            String group = p.getProperty("groupId");
            String artifact = p.getProperty("artifactId");
            String version = p.getProperty("version");
            if (group != null && artifact != null && version != null) {
                poms.add(new Pom(group.trim(), artifact.trim(), version.trim(), pomXml.get(folder)));
            }
        });
        String fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
        HexFormat hex = HexFormat.of();
        return new JarScan(path, fileName, hex.formatHex(sha256.digest()), hex.formatHex(sha1.digest()),
                manifest == null ? new Attributes() : manifest.getMainAttributes(), List.copyOf(poms), List.copyOf(licenceFiles),
                List.copyOf(nested));
    }

    /** A main attribute of the manifest, trimmed; null when absent or blank. */
    String header(String name) {
        String value = manifest.getValue(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Bundle-SymbolicName without its directives, or null when this is no OSGi bundle. */
    String symbolicName() {
        String bsn = header("Bundle-SymbolicName");
        return bsn == null ? null : bsn.split(";", 2)[0].trim();
    }

    /** The Bundle-ClassPath entries (without attributes); empty when there is none. */
    List<String> bundleClassPath() {
        String header = header("Bundle-ClassPath");
        if (header == null) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String clause : header.split(",")) {
            String entry = clause.split(";", 2)[0].trim();
            if (!entry.isEmpty()) {
                entries.add(entry.startsWith("/") ? entry.substring(1) : entry);
            }
        }
        return entries;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a mandatory algorithm of every Java platform", e);
        }
    }
}

package org.openikfz.backoffice.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.openikfz.api.backoffice.EvidenceSummary;

/**
 * The dossiers {@code bin/openikfz evidence} wrote to {@code evidence/} of the installation (see
 * docs/security-evidence.md): the newest one in brief, its signature checked with the installation's
 * key ({@code data/evidence-signing.pub}) and its files against the hashes it signed, and as a ZIP archive.
 */
final class EvidenceShelf {

    /** A dossier is a few hundred KiB; a folder far larger is not one the tool wrote. */
    static final long MAX_ARCHIVE_BYTES = 64L * 1024 * 1024;

    private final Path home;
    private final ObjectMapper json = new ObjectMapper();

    EvidenceShelf(Path home) {
        this.home = home;
    }

    /** The newest dossier's folder (by its own "created"), if any. */
    Optional<Path> newest() {
        Path shelf = home.resolve("evidence");
        if (!Files.isDirectory(shelf)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(shelf)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("dossier.json")))
                    .max(Comparator.comparing(this::created));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant created(Path dir) {
        try {
            return Instant.parse(json.readTree(dir.resolve("dossier.json").toFile()).path("created").asText());
        } catch (IOException | java.time.DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    Optional<EvidenceSummary> latest() {
        return newest().map(this::summary);
    }

    private EvidenceSummary summary(Path dir) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve("dossier.json"));
            JsonNode d = json.readTree(bytes);
            List<String> failures = new ArrayList<>();
            for (String section : List.of("controls", "checks")) {
                for (JsonNode row : d.path(section)) {
                    if ("FAIL".equals(row.path("result").asText())) {
                        failures.add(row.path("id").asText() + " " + row.path("title").asText());
                    }
                }
            }
            JsonNode controls = d.path("summary").path("controls");
            PublicKey key = installationKey();
            return new EvidenceSummary(dir.getFileName().toString(), d.path("district").asText(), created(dir),
                    controls.path("PASS").asInt(), controls.path("FAIL").asInt(), controls.path("NOT_CHECKED").asInt(), failures,
                    key != null && intact(dir, bytes, d, key), key == null ? "" : fingerprint(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PublicKey installationKey() throws IOException {
        Path pub = home.resolve("data/evidence-signing.pub");
        if (!Files.isRegularFile(pub)) {
            return null;
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** The signature over dossier.json holds and every file has the hash the dossier signed, no more, no fewer. */
    private static boolean intact(Path dir, byte[] bytes, JsonNode dossier, PublicKey key) throws IOException {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(bytes);
            if (!s.verify(Base64.getDecoder().decode(Files.readString(dir.resolve("dossier.json.sig")).trim()))) {
                return false;
            }
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            return false;
        }
        List<String> files = files(dir);
        JsonNode signed = dossier.path("files");
        if (files.size() != signed.size()) {
            return false;
        }
        for (String name : files) {
            if (!sha256(Files.readAllBytes(dir.resolve(name))).equals(signed.path(name).asText())) {
                return false;
            }
        }
        return true;
    }

    /** The files a dossier's hashes cover: all but the JSON and its signature. */
    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("dossier.json") && !n.equals("dossier.json.sig")).sorted().toList();
        }
    }

    /** A dossier's files in one ZIP, under its folder's name. */
    byte[] archive(Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> s = Files.walk(dir)) {
            long total = 0;
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                total += Files.size(p);
                if (total > MAX_ARCHIVE_BYTES) {
                    throw new IOException(dir + " is larger than " + MAX_ARCHIVE_BYTES + " bytes: not a dossier");
                }
                zip.putNextEntry(new ZipEntry(dir.getFileName() + "/" + dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String fingerprint(PublicKey key) {
        String hex = sha256(key.getEncoded());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 4);
        }
        return b.toString();
    }
}

package org.openikfz.evidence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DossierTest {

    @TempDir
    Path home;
    @TempDir
    Path dir;

    private Signature written() throws Exception {
        Files.writeString(dir.resolve("sbom.cdx.json"), "{\"bomFormat\":\"CycloneDX\"}");
        Catalogue catalogue = Catalogue.load();
        List<Check> checks = List.of(Check.fail("config.https", "HTTPS", "none"), Check.pass("config.hsts", "HSTS", "1 year"));
        Map<String, Check> byId = new LinkedHashMap<>();
        checks.forEach(c -> byId.put(c.id(), c));
        var controls = catalogue.assess(byId, (c, m) -> java.util.Optional.empty());
        Map<String, Object> content = new LinkedHashMap<>(Map.of("district", "test", "title", "<Test & district>", "checks", checks,
                "facts", Map.of("running", false)));
        Signature key = Signature.ofInstallation(home);
        Dossier.write(dir, content, catalogue, controls, checks, key);
        return key;
    }

    @Test
    void aWrittenDossierVerifiesAgainstTheInstallationsKey() throws Exception {
        Signature key = written();
        Dossier.Verification v = Dossier.verify(dir, Signature.installationKey(home));
        assertTrue(v.intact(), v.problems().toString());
        assertTrue(v.fingerprint().equals(Signature.fingerprint(key.publicKey())));
        String html = Files.readString(dir.resolve(Dossier.HTML));
        assertTrue(html.contains("&lt;Test &amp; district&gt;"), "text is escaped in the HTML");
        assertTrue(html.contains("config.https") && html.contains("C01"), "checks and controls are listed");
    }

    @Test
    void oneChangedByteInAnyFileIsFound() throws Exception {
        written();
        for (String file : List.of(Dossier.JSON, Dossier.HTML, "sbom.cdx.json", Dossier.SIGNATURE)) {
            byte[] original = Files.readAllBytes(dir.resolve(file));
            byte[] changed = original.clone();
            changed[changed.length / 2] ^= 1;
            Files.write(dir.resolve(file), changed);
            Dossier.Verification v = Dossier.verify(dir, Signature.installationKey(home));
            assertFalse(v.intact(), file + " changed, yet the dossier verified");
            Files.write(dir.resolve(file), original);
            assertTrue(Dossier.verify(dir, Signature.installationKey(home)).intact(), "restored " + file);
        }
    }

    @Test
    void anAddedOrRemovedFileIsFound() throws Exception {
        written();
        Files.writeString(dir.resolve("extra.txt"), "slipped in");
        assertFalse(Dossier.verify(dir, Signature.installationKey(home)).intact());
        Files.delete(dir.resolve("extra.txt"));
        Files.delete(dir.resolve("sbom.cdx.json"));
        assertFalse(Dossier.verify(dir, Signature.installationKey(home)).intact());
    }

    @Test
    void aDossierSignedWithAnotherKeyFailsAgainstTheInstallations(@TempDir Path other) throws Exception {
        written();
        // a forger rewrites the JSON and signs it with a key of its own
        Signature forger = Signature.ofInstallation(other);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = Json.MAPPER.readValue(Files.readString(dir.resolve(Dossier.JSON))
                .replace("\"FAIL\"", "\"PASS\""), Map.class);
        content.put("signingKey", Map.of("publicKey", java.util.Base64.getEncoder().encodeToString(forger.publicKey().getEncoded())));
        byte[] json = Json.MAPPER.writeValueAsBytes(content);
        Files.write(dir.resolve(Dossier.JSON), json);
        Files.writeString(dir.resolve(Dossier.SIGNATURE), forger.sign(json));
        assertFalse(Dossier.verify(dir, Signature.installationKey(home)).intact());
        // with no installation key the forger's own key verifies, and only its fingerprint gives it away
        Dossier.Verification named = Dossier.verify(dir, null);
        assertTrue(named.intact(), named.problems().toString());
        assertFalse(named.fingerprint().equals(Signature.fingerprint(Signature.installationKey(home))));
    }
}

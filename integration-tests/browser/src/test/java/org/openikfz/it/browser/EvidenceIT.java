package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/openikfz evidence} on a production-shaped district build with HTTPS configured: it exits 0,
 * its HTML lists every control with its result and evidence, its SBOM is valid CycloneDX, and
 * {@code --verify} finds one changed byte. (The embedded default build failing its controls, and the
 * operator page showing the dossier, are in {@link ClerkBrowserIT}.)
 */
class EvidenceIT {

    private static final Path ROOT = Path.of(System.getProperty("openikfz.distribution")).toAbsolutePath().getParent().getParent().getParent();

    @Test
    void aProductionShapedBuildWithHttpsPassesAndItsDossierCannotBeEdited() throws Exception {
        RunningDistribution production = RunningDistribution.prepared("evidence-production");
        Path home = production.home;
        DistrictsIT.district(ROOT.resolve("districts/production.json"), home);
        org.openikfz.it.EtcFiles.configure(home, "org.openikfz.core", "authority=TST\nauthorityName=Landratsamt Test\nland=SN\n");
        org.openikfz.it.EtcFiles.configure(home, "org.openikfz.check.zustaendigkeit", "postalCodes=09456\n");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process key = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", home.resolve("etc/tls.p12").toString(), "-storepass", "geheim-123", "-keypass", "geheim-123")
                .redirectErrorStream(true).start();
        assertEquals(0, key.waitFor(), new String(key.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Path ui = home.resolve("etc/org.openikfz.ui.cfg");
        Files.writeString(ui, Files.readString(ui) + "tlsKeyStore=etc/tls.p12\ntlsKeyStorePassword=geheim-123\n");

        Run made = run(home, "evidence");
        assertEquals(0, made.status(), made.output());
        Path dossier;
        try (Stream<Path> dirs = Files.list(home.resolve("evidence"))) {
            dossier = dirs.findFirst().orElseThrow();
        }
        assertTrue(dossier.getFileName().toString().startsWith("production-"), dossier.toString());
        JsonNode json = new ObjectMapper().readTree(dossier.resolve("dossier.json").toFile());
        List<String> notPassed = new ArrayList<>();
        for (JsonNode check : json.path("checks")) {
            if (check.path("id").asText().startsWith("config.") && !check.path("result").asText().equals("PASS")) {
                notPassed.add(check.toString());
            }
        }
        assertEquals(List.of(), notPassed, "every configuration check of a production build with HTTPS passes");
        String html = Files.readString(dossier.resolve("dossier.html"));
        for (JsonNode control : json.path("controls")) {
            assertTrue(html.contains(control.path("id").asText()) && html.contains(control.path("result").asText()), control.toString());
            assertTrue(control.path("evidence").size() > 0, control.toString());
        }
        assertTrue(json.path("controls").size() > 0 && json.path("gaps").size() > 0, "controls and gaps are listed");
        JsonNode sbom = check(json, "sbom.valid");
        assertEquals("PASS", sbom.path("result").asText(), sbom.toString());
        JsonNode bom = new ObjectMapper().readTree(dossier.resolve("sbom.cdx.json").toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertTrue(bom.toString().contains("org.openikfz.procedure.umschreibung"), "the district's bundles are listed");
        assertTrue(bom.toString().contains("\"name\":\"flow-server\""), "and the jars the UI bundle embeds (Vaadin)");

        Run verified = run(home, "evidence", "--verify", dossier.toString());
        assertEquals(0, verified.status(), verified.output());
        byte[] sbomBytes = Files.readAllBytes(dossier.resolve("sbom.cdx.json"));
        sbomBytes[sbomBytes.length / 2] ^= 1;
        Files.write(dossier.resolve("sbom.cdx.json"), sbomBytes);
        Run edited = run(home, "evidence", "--verify", dossier.toString());
        assertEquals(1, edited.status(), edited.output());
        assertTrue(edited.output().contains("sbom.cdx.json: changed"), edited.output());
    }

    private static JsonNode check(JsonNode dossier, String id) {
        for (JsonNode c : dossier.path("checks")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + dossier.path("checks"));
    }

    private record Run(int status, String output) {
    }

    private static Run run(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/openikfz").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), output);
    }
}

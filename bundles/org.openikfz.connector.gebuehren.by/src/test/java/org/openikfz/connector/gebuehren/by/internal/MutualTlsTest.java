package org.openikfz.connector.gebuehren.by.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.arrears.ArrearsQuery;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.value.Land;
import org.openikfz.simulator.gebuehren.by.internal.GebuehrenBySimulator;

/**
 * Mutual TLS for real: a test CA issues the server certificate (SAN localhost, 127.0.0.1) and the
 * portal's client certificate, made with the JDK's keytool as PKCS#12 stores; the simulator runs over
 * HTTPS and requires a client certificate of that CA.
 */
class MutualTlsTest {

    static final String PASSWORD = "tls-store-pass-42";

    @TempDir
    static Path pki;
    static GebuehrenBySimulator simulator;
    GebuehrenByConnector connector;

    static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC")); // fifteen short runs: start fast
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    static void keyPair(String store, String alias, String dname) throws Exception {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    /** A key pair in {@code store} whose certificate the test CA signs with the given extensions. */
    static void issued(String store, String alias, String dname, String... extensions) throws Exception {
        keyPair(store, alias, dname);
        keytool("-certreq", "-alias", alias, "-keystore", store, "-storepass", PASSWORD, "-file", alias + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass",
                PASSWORD, "-infile", alias + ".csr", "-outfile", alias + ".crt", "-validity", "2", "-rfc"));
        for (String extension : extensions) {
            gencert.add("-ext");
            gencert.add(extension);
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", store, "-storepass", PASSWORD, "-noprompt");
        keytool("-importcert", "-alias", alias, "-file", alias + ".crt", "-keystore", store, "-storepass", PASSWORD);
    }

    @BeforeAll
    static void pkiAndServer() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Open i-Kfz Test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "2",
                "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-rfc", "-file", "ca.crt");
        keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-noprompt");
        issued("server.p12", "server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", "eku=serverAuth");
        issued("client.p12", "client", "CN=openikfz-portal", "eku=clientAuth");
        keyPair("rogue.p12", "rogue", "CN=openikfz-portal"); // self-signed: not issued by the CA

        Map<String, Object> config = new HashMap<>();
        config.put("port", 0);
        config.put("keyStore", pki.resolve("server.p12").toString());
        config.put(".keyStorePassword", PASSWORD);
        config.put("trustStore", pki.resolve("trust.p12").toString());
        config.put(".trustStorePassword", PASSWORD);
        config.put("needClientAuth", true);
        simulator = new GebuehrenBySimulator(Configs.of(GebuehrenBySimulator.Config.class, config),
                java.nio.file.Files.createDirectories(pki.resolve("data")));
    }

    @AfterAll
    static void stopServer() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    @AfterEach
    void closeConnector() {
        if (connector != null) {
            connector.close();
        }
    }

    GebuehrenByConnector connector(String keyStore, String host) {
        Map<String, Object> config = new HashMap<>();
        String base = "https://" + host + ":" + simulator.port();
        config.put("endpoint", base + "/api/v1/gebuehrenrueckstaende/abfragen");
        config.put("tokenEndpoint", base + "/oauth2/token");
        config.put("keyStore", keyStore == null ? "" : pki.resolve(keyStore).toString());
        config.put(".keyStorePassword", keyStore == null ? "" : PASSWORD);
        config.put("trustStore", pki.resolve("trust.p12").toString());
        config.put(".trustStorePassword", PASSWORD);
        config.put("retries", 0);
        connector = new GebuehrenByConnector(Configs.of(GebuehrenByConnector.Config.class, config));
        return connector;
    }

    static ArrearsQuery berta() {
        return new ArrearsQuery(UUID.randomUUID(), "09162000", Land.BY,
                new Holder("Berta Beitragsrest", null, null, null, LocalDate.of(1970, 3, 3)), false, LocalDate.now());
    }

    @Test
    void withTheClientCertificateTheServiceAnswers() throws Exception {
        assertTrue(simulator.baseUrl().startsWith("https://"));
        ArrearsAnswer.Found found = assertInstanceOf(ArrearsAnswer.Found.class, connector("client.p12", "127.0.0.1").query(berta()));
        assertEquals("BY-2025-004711", found.reference());
        assertInstanceOf(ArrearsAnswer.Found.class, connector("client.p12", "localhost").query(berta()),
                "the server certificate names localhost too");
        assertEquals(ConnectorHealth.State.UP, connector.health().state());
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        ConnectorUnavailableException e = assertThrows(ConnectorUnavailableException.class,
                () -> connector(null, "127.0.0.1").query(berta()));
        assertFalse(e instanceof org.openikfz.connector.support.MalformedAnswerException, "a transport failure: " + e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD) || connector.health().toString().contains(PASSWORD));
    }

    @Test
    void aClientCertificateNotIssuedByTheCaIsRefused() {
        assertThrows(ConnectorUnavailableException.class, () -> connector("rogue.p12", "127.0.0.1").query(berta()));
    }

    @Test
    void aServerTheTrustStoreDoesNotVouchForIsRefused() {
        Map<String, Object> config = new HashMap<>();
        String base = "https://127.0.0.1:" + simulator.port();
        config.put("endpoint", base + "/api/v1/gebuehrenrueckstaende/abfragen");
        config.put("tokenEndpoint", base + "/oauth2/token");
        config.put("keyStore", pki.resolve("client.p12").toString());
        config.put(".keyStorePassword", PASSWORD);
        config.put("retries", 0); // the JDK's trust store: the test CA is unknown there
        connector = new GebuehrenByConnector(Configs.of(GebuehrenByConnector.Config.class, config));
        assertThrows(ConnectorUnavailableException.class, () -> connector.query(berta()));
    }
}

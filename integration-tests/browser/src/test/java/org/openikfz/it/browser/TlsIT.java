package org.openikfz.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS in the product (issue #13, part 2): the ingresses with a PKCS#12 key from etc/, TLS as BSI TR-02102-2
 * recommends, checked by testssl.sh as an audit would (no "NOT ok"); HSTS on HTTPS; plain HTTP redirected to HTTPS.
 * The certificate is issued by a test CA made here, which testssl is told to trust.
 */
class TlsIT {

    private static final String PASSWORD = "changeit-tls";
    private static RunningDistribution distribution;
    private static Path ca;
    private static int redirectPort;

    @BeforeAll
    static void start() throws Exception {
        redirectPort = RunningDistribution.freePort();
        distribution = RunningDistribution.start("tls", home -> {
            ca = certificates(home);
            Files.writeString(home.resolve("etc/org.openikfz.ui.cfg"), "tlsKeyStore=etc/tls.p12\ntlsKeyStorePassword=" + PASSWORD
                    + "\nhttpRedirectPort=" + redirectPort + "\n");
        }, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
    }

    /** A test CA and a server certificate it signed (EC P-256; localhost and 127.0.0.1), as etc/tls.p12 with its chain. */
    private static Path certificates(Path home) throws Exception {
        Path work = Files.createDirectories(home.resolve("tls-test"));
        Path caStore = work.resolve("ca.p12");
        Path server = home.resolve("etc/tls.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Open i-Kfz Test CA",
                "-ext", "bc:c", "-ext", "KeyUsage=keyCertSign,cRLSign", "-validity", "400", "-keystore", caStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        Path caPem = work.resolve("ca.pem");
        Files.writeString(caPem, keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD));
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "400", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Path request = work.resolve("server.csr");
        Files.writeString(request, keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", PASSWORD));
        Path signed = work.resolve("server.pem");
        // keytool draws a random 64-bit serial; one in 256 starts with a zero byte and has 7 bytes, which testssl reports
        // (a public CA's serial has at least 64 bits): such a certificate is drawn again
        do {
            Files.writeString(signed, keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD,
                    "-infile", request.toString(), "-validity", "365", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-ext", "ExtendedKeyUsage=serverAuth", "-ext", "KeyUsage:critical=digitalSignature",
                    // where to ask whether it was revoked, as a public CA's certificate says (testssl wants CRL or OCSP)
                    "-ext", "AuthorityInfoAccess=ocsp:uri:http://127.0.0.1:9/ocsp"));
        } while (serialBits(signed) <= 56);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", signed.toString(), "-keystore", server.toString(),
                "-storepass", PASSWORD);
        return caPem;
    }

    private static int serialBits(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return ((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .getSerialNumber().bitLength();
        }
    }

    private static String keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool " + String.join(" ", args) + ": " + err);
        return out;
    }

    /** A client that trusts the test CA only. */
    private static HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(trustingTheTestCa("TLS")).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A TLS context of {@code protocol} that trusts the test CA only. */
    private static SSLContext trustingTheTestCa(String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void theEvidenceDossierFindsHttpsHstsAndTheHeadersOnTheRunningPlatform() throws Exception {
        Process evidence = new ProcessBuilder(distribution.home.resolve("bin/openikfz").toString(), "evidence")
                .directory(distribution.home.toFile()).redirectErrorStream(true).start();
        String output = new String(evidence.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, evidence.waitFor(), "the simulators of the test build fail it: " + output);
        Path dossier;
        try (var dirs = Files.list(distribution.home.resolve("evidence"))) {
            dossier = dirs.findFirst().orElseThrow().resolve("dossier.json");
        }
        var checks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dossier.toFile()).path("checks");
        java.util.Map<String, String> results = new java.util.HashMap<>();
        java.util.Map<String, String> evidenceOf = new java.util.HashMap<>();
        checks.forEach(c -> {
            results.put(c.path("id").asText(), c.path("result").asText());
            evidenceOf.put(c.path("id").asText(), c.path("evidence").asText());
        });
        for (String id : List.of("config.https", "config.tls-profile", "config.hsts", "live.readiness", "live.headers", "live.jobs")) {
            assertEquals("PASS", results.get(id), id + ": " + evidenceOf.get(id));
        }
        assertTrue(evidenceOf.get("live.headers").contains("strict-transport-security"), evidenceOf.get("live.headers"));
        assertEquals("FAIL", results.get("config.no-simulators"), evidenceOf.get("config.no-simulators"));
    }

    @Test
    void everyIngressSpeaksHttpsWithHstsAndPlainHttpIsRedirected() throws Exception {
        HttpClient https = client();
        for (int port : new int[] {distribution.port, distribution.backOfficePort, distribution.apiPort}) {
            HttpResponse<String> answer = https.send(HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + port
                    + (port == distribution.apiPort ? "/api/v1/procedures" : "/"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), "port " + port);
            assertEquals(Optional.of("max-age=31536000"), answer.headers().firstValue("Strict-Transport-Security"), "port " + port);
        }
        HttpResponse<Void> page = https.send(HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + distribution.port + "/"))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(page.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("Secure")),
                page.headers().map().toString());
        // plain HTTP on the TLS ports is not served
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        boolean servedPlain;
        try {
            servedPlain = plain.send(HttpRequest.newBuilder(distribution.uri("/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException refused) {
            servedPlain = false;
        }
        assertFalse(servedPlain, "the portal's TLS port does not serve plain HTTP");
        // the redirect port sends to the portal over HTTPS, with the path and query, not to what the Host header says
        HttpResponse<Void> moved = plain.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + redirectPort
                + "/ausserbetriebsetzung?x=1")).header("X-Forwarded-Host", "evil.example").build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(301, moved.statusCode());
        assertEquals(Optional.of("https://127.0.0.1:" + distribution.port + "/ausserbetriebsetzung?x=1"), moved.headers().firstValue("Location"));
    }

    /**
     * A client that asks to renegotiate a TLS 1.2 connection (a DoS vector) is refused with a fatal alert at once, not
     * left guessing from a closed connection (testssl.sh counted that as "VULNERABLE" when the close came late).
     */
    @Test
    void clientInitiatedRenegotiationIsRefusedWithAnAlert() throws Exception {
        SSLContext context = trustingTheTestCa("TLSv1.2");
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("localhost", distribution.port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            javax.net.ssl.SSLException refused = org.junit.jupiter.api.Assertions.assertThrows(javax.net.ssl.SSLException.class, () -> {
                socket.startHandshake(); // renegotiation, asked for by the client
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().read();
            });
            assertTrue(String.valueOf(refused.getMessage()).contains("handshake_failure"), String.valueOf(refused));
        }
    }

    /** testssl.sh (Debian's) against the portal's HTTPS port: protocols, ciphers, certificate, headers, vulnerabilities; the run prints how long it took. */
    @Test
    void testsslFindsNothingNotOk() throws Exception {
        Path report = distribution.home.resolve("tls-test/testssl.txt");
        // protocols, cipher categories, forward secrecy, server preference, certificate and defaults, HTTP headers,
        // vulnerabilities (the client simulation and the per-cipher listing are left out: they test clients, and time)
        List<String> command = List.of(testssl(), "--quiet", "--color", "0", "--warnings", "off", "--add-ca", ca.toString(),
                "-p", "-s", "-f", "-P", "-S", "-h", "-U", "--logfile", report.toString(), "https://localhost:" + distribution.port + "/");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(8, TimeUnit.MINUTES), "testssl.sh did not finish");
        List<String> notOk = output.lines().filter(l -> l.contains("NOT ok")).toList();
        List<String> summary = output.lines().filter(l -> l.contains("Overall Grade") || l.contains("TLS 1.2") || l.contains("TLS 1.3")
                || l.contains("Strict Transport Security") || l.contains("Chain of trust")).toList();
        System.out.println("testssl.sh against the portal (" + (System.nanoTime() - started) / 1_000_000_000 + " s):\n  "
                + String.join("\n  ", summary));
        assertTrue(output.contains("TLS 1.3") && output.contains("Chain of trust"), "testssl ran its checks: " + output);
        assertEquals(List.of(), notOk, "testssl.sh findings (full report: " + report + ")");
    }

    private static String testssl() {
        for (String candidate : List.of("/usr/bin/testssl", "/usr/bin/testssl.sh")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("testssl.sh is not installed: scripts/prerequisites.sh installs it");
    }
}

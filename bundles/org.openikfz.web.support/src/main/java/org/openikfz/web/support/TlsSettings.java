package org.openikfz.web.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS of the ingresses as BSI TR-02102-2 recommends: TLS 1.3 and 1.2 only, and of the cipher suites
 * the guideline recommends those with forward secrecy and authenticated encryption (AES-GCM), in this
 * order of preference; no renegotiation. The key and certificate chain come from a PKCS#12 file.
 */
public final class TlsSettings {

    /** TR-02102-2: TLS 1.2 and 1.3 only. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * TR-02102-2, sections 3.3.1 (TLS 1.2, with perfect forward secrecy) and 3.4.4 (TLS 1.3): the AES-GCM suites of
     * its recommendation. (CBC and CCM suites it also allows are left out: GCM alone serves every current client.)
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    private final Path keyStore;
    private final String password;

    private TlsSettings(Path keyStore, String password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    /**
     * @param keyStore the PKCS#12 file (relative: to the platform's home), or empty for no TLS
     * @return empty settings ({@link #enabled()} false) when no key store is named
     * @throws IllegalArgumentException when the file named is not there
     */
    public static TlsSettings of(String keyStore, String password, Path home) {
        if (keyStore == null || keyStore.isBlank()) {
            return new TlsSettings(null, null);
        }
        Path file = home.resolve(keyStore.strip());
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("tlsKeyStore: cannot read the PKCS#12 file " + file);
        }
        return new TlsSettings(file, password == null ? "" : password);
    }

    public boolean enabled() {
        return keyStore != null;
    }

    /** A Jetty TLS context of these settings. */
    public SslContextFactory.Server contextFactory() {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(password);
        ssl.setIncludeProtocols(PROTOCOLS);
        ssl.setExcludeProtocols();
        ssl.setIncludeCipherSuites(CIPHER_SUITES.toArray(String[]::new));
        ssl.setExcludeCipherSuites();
        ssl.setUseCipherSuitesOrder(true);
        // No client-initiated renegotiation (a TLS 1.2 DoS vector). Where the JVM refuses it (the start script sets
        // jdk.tls.rejectClientInitiatedRenegotiation), it answers with a fatal alert, which clients and testssl see at
        // once; Jetty's own refusal only closes the connection, which looks like an accepted renegotiation to a client
        // that has finished sending. So Jetty refuses only where the JVM does not.
        ssl.setRenegotiationAllowed(Boolean.getBoolean("jdk.tls.rejectClientInitiatedRenegotiation"));
        // a client may ask by IP address or another name than the certificate's; it checks the certificate itself
        ssl.setSniRequired(false);
        return ssl;
    }
}

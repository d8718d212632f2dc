package org.openikfz.connector.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Transport security of a connector: the trust store that says which server certificates to accept
 * (empty: the JDK's), and for mutual TLS the key store with the portal's client certificate. Both are
 * PKCS#12 files named in the connector's configuration. Passwords never appear in {@link #toString()}.
 *
 * @param keyStore           path of the client certificate and key (PKCS#12), or empty: no client certificate
 * @param keyStorePassword   its password
 * @param trustStore         path of the trusted certificates (PKCS#12), or empty: the JDK's trust store
 * @param trustStorePassword its password
 */
public record TlsSettings(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {

    /** No client certificate, the JDK's trust store. */
    public static TlsSettings none() {
        return new TlsSettings("", "", "", "");
    }

    /** Whether a client certificate is presented (mutual TLS). */
    public boolean mutual() {
        return keyStore != null && !keyStore.isBlank();
    }

    /**
     * The TLS context from these stores.
     *
     * @throws IOException              a store cannot be read (the message names the file, never its password)
     * @throws GeneralSecurityException a store is not PKCS#12 or its password is wrong
     */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = null;
        if (mutual()) {
            KeyStore store = load(keyStore, keyStorePassword);
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, chars(keyStorePassword));
        }
        TrustManagerFactory trust = null;
        if (trustStore != null && !trustStore.isBlank()) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustStorePassword));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    /** An HTTP client (HTTP/1.1) with this TLS and the connect timeout. */
    public HttpClient httpClient(Duration connectTimeout) throws IOException, GeneralSecurityException {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext())
                .build();
    }

    private static KeyStore load(String file, String password) throws IOException, GeneralSecurityException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IOException("cannot read " + path);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
        } catch (IOException e) {
            throw new IOException("cannot load " + path + " as PKCS#12 (wrong password?)");
        }
        return store;
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", passwords ***]";
    }
}

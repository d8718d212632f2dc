package org.openikfz.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The installation's signing key for dossiers: Ed25519 (JDK), kept in {@code data/evidence-signing.key}
 * (PKCS#8, for the platform's user only) with its public half in {@code data/evidence-signing.pub}
 * (X.509). Made on first use. The public key's SHA-256 fingerprint is what an operator hands to the
 * auditor once; a dossier signed with another key does not verify against it.
 */
final class Signature {

    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private Signature(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The installation's key, made now if it has none. */
    static Signature ofInstallation(Path home) throws IOException {
        Path keyFile = home.resolve("data/evidence-signing.key");
        Path pubFile = home.resolve("data/evidence-signing.pub");
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (Files.isRegularFile(keyFile) && Files.isRegularFile(pubFile)) {
                return new Signature(factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile))),
                        factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pubFile))));
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(keyFile.getParent());
            writePrivate(keyFile, pair.getPrivate().getEncoded());
            Files.write(pubFile, pair.getPublic().getEncoded());
            return new Signature(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IOException("the dossier's signing key in " + keyFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, byte[] key) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The public key of the installation as read from its file, or null when it has none. */
    static PublicKey installationKey(Path home) throws IOException {
        Path pubFile = home.resolve("data/evidence-signing.pub");
        if (!Files.isRegularFile(pubFile)) {
            return null;
        }
        return decodePublic(Files.readAllBytes(pubFile));
    }

    static PublicKey decodePublic(byte[] x509) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an " + ALGORITHM + " public key: " + e.getMessage(), e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** Base64 of the signature over the bytes. */
    String sign(byte[] content) throws IOException {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(content);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static boolean verify(PublicKey key, byte[] content, String signature) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(content);
            return s.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** SHA-256 of the key's X.509 encoding, hex, in groups of four: what the auditor compares. */
    static String fingerprint(PublicKey key) {
        String hex = sha256(key.getEncoded());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            b.append(i == 0 ? "" : ":").append(hex, i, Math.min(hex.length(), i + 4));
        }
        return b.toString();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package org.openikfz.connector.gebuehren.ni.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's key for identifiers: the debtor list is kept only as HMAC-SHA256 values of
 * {@code name|date of birth} (natural persons) or {@code name|plz} (organisations), never in clear. The
 * key is created at first start ({@code hash.key}, 32 random bytes Base64, readable by the owner only);
 * without it the stored list cannot be matched, and another key makes it useless — the store records
 * the key's {@link #fingerprint() fingerprint} so that such a list is refused rather than answering
 * everyone clear.
 */
final class KeyedHash {

    static final String FILE = "hash.key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;

    private KeyedHash(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** For tests. */
    static KeyedHash of(byte[] key) {
        return new KeyedHash(key.clone());
    }

    /** Loads the key from {@code dir/hash.key}, creating it (mode 0600) when there is none. */
    static KeyedHash loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            createOwnerOnly(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(Base64.getEncoder().encode(fresh)));
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new KeyedHash(fresh);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a Base64 key");
        }
        if (key.length < KEY_BYTES) {
            throw new IOException(file + " holds fewer than " + KEY_BYTES + " bytes");
        }
        return new KeyedHash(key);
    }

    /** Creates an empty file readable and writable by the owner only (where the file system knows POSIX modes). */
    static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, mode);
        } else {
            Files.createFile(file);
        }
    }

    /**
     * The name as compared: Unicode NFC, lower case, whitespace collapsed to single spaces and stripped
     * at both ends.
     */
    static String normalise(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(nfc).replaceAll(" ").strip();
    }

    /** A new MAC with the key; a MAC is not thread-safe, so each thread (or import) takes its own. */
    Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /**
     * The identifier's hash, lower-case hex.
     *
     * @param qualifier the date of birth (ISO) of a natural person, or the plz of an organisation
     */
    static String hash(Mac mac, String name, String qualifier) {
        byte[] input = (normalise(name) + "|" + qualifier).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(mac.doFinal(input));
    }

    String hash(String name, String qualifier) {
        return hash(mac(), name, qualifier);
    }

    /** Identifies the key (not secret): the stored list is only valid with the key it was made with. */
    String fingerprint() {
        return hash("openikfz gebuehren-ni key fingerprint", "v1").substring(0, 16);
    }
}

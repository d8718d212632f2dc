package org.openikfz.backoffice.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time-code secrets of the staff at rest: AES-256-GCM with a key in a file outside the
 * database (default {@code data/staff.key}, made with 256 random bits at the first start, readable
 * by the platform's user only), like the audit key. A copy of the database alone holds no usable
 * secret. The account's user name is bound in (associated data), so a secret copied to another
 * account's row does not decrypt. Keep the key file with the backups of the database, apart from
 * them: without it every account needs a new code secret (an operator resets them).
 */
final class StaffSecrets {

    /** How a stored secret that is encrypted begins; anything else is a secret from before (plain Base32). */
    static final String PREFIX = "aesgcm1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    StaffSecrets(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the staff key has 256 bits");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** The key in {@code file}, made when the file does not exist yet. */
    static StaffSecrets loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                random.nextBytes(key);
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // the folder's permissions protect it
                    }
                } catch (FileAlreadyExistsException another) {
                    // made at the same moment by another node: use that one
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return new StaffSecrets(key, random);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read or create the staff key " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean encrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The secret as stored for {@code user}. */
    String seal(String user, String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(user.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret of {@code user} from its stored form; a plain one from before is returned as it is.
     *
     * @throws IllegalStateException when it was not sealed with this key for this user
     */
    String open(String user, String stored) {
        if (!encrypted(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(user.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the code secret of " + user + " does not open with this staff key");
        }
    }
}

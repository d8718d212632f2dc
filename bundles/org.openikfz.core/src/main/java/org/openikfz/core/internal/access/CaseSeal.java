package org.openikfz.core.internal.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps what a re-run of the checks needs (the security codes) sealed while a case is with the clerks:
 * AES-256-GCM with a key of this installation ({@code data/case-file.key}, made at the first start,
 * readable by the platform's user only), bound to the case by its id (a sealed value copied to another
 * case does not open). The database alone never holds a code in clear; the key never enters it.
 */
public final class CaseSeal {

    private static final int NONCE = 12;
    private final SecretKey key;
    private final SecureRandom random;

    CaseSeal(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the case-file key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** The installation's seal, with the key from {@code file} (made there, owner-only, when it does not exist). */
    public static CaseSeal of(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException another) {
                    return of(file, random); // another node of this installation made it meanwhile
                }
                Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.TRUNCATE_EXISTING);
            }
            return new CaseSeal(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()), random);
        } catch (IOException e) {
            throw new UncheckedIOException("the case-file key " + file + " cannot be read or made: " + e.getMessage(), e);
        }
    }

    /** The value sealed for the case: Base64 of nonce and ciphertext. */
    public String seal(UUID application, String value) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(application.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * The value sealed for the case.
     *
     * @throws IllegalArgumentException when it was not sealed with this key for this case (or was altered)
     */
    public String open(UUID application, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            cipher.updateAAD(application.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not sealed for this case with this installation's key");
        }
    }
}

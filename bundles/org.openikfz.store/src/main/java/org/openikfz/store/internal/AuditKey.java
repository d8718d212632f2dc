package org.openikfz.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.openikfz.store.api.StoreException;

/**
 * The key of the audit trail's hash chain: a file outside the database (default
 * {@code data/audit.key}), made with 256 random bits at the first start and readable by the
 * platform's user only. Whoever verifies the trail needs the same file; keep a copy apart from the
 * database and its backups (whoever has both could rewrite the trail).
 */
final class AuditKey {

    private AuditKey() {
    }

    /** Reads the key, or creates it when the file does not exist yet. */
    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    restrict(file);
                } catch (FileAlreadyExistsException another) {
                    // made at the same moment by another instance: use that one
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new StoreException("Cannot read or create the audit key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an existing key; fails with a message an operator can act on. */
    static byte[] read(Path file) throws IOException {
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a Base64 key: " + file);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder's permissions protect it
        }
    }
}

package org.openikfz.core.internal.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseSealTest {

    @TempDir
    Path dir;

    @Test
    void aSealedCodeOpensOnlyForItsCaseWithTheInstallationsKey() throws Exception {
        Path keyFile = dir.resolve("data/case-file.key");
        CaseSeal seal = CaseSeal.of(keyFile, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        UUID application = UUID.randomUUID();
        String sealed = seal.seal(application, "Ab3De4F");
        assertFalse(sealed.contains("Ab3De4F"));
        assertEquals("Ab3De4F", seal.open(application, sealed));
        assertEquals("Ab3De4F", CaseSeal.of(keyFile, new SecureRandom()).open(application, sealed), "the same key after a restart");
        assertThrows(IllegalArgumentException.class, () -> seal.open(UUID.randomUUID(), sealed), "copied to another case");
        CaseSeal other = CaseSeal.of(dir.resolve("other.key"), new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> other.open(application, sealed), "another installation's key");
        byte[] altered = java.util.Base64.getDecoder().decode(sealed);
        altered[altered.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> seal.open(application, java.util.Base64.getEncoder().encodeToString(altered)));
        assertTrue(seal.seal(application, "Ab3De4F").length() > 0);
        assertFalse(seal.seal(application, "Ab3De4F").equals(sealed), "a fresh nonce every time");
    }
}

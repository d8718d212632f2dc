package org.openikfz.backoffice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

/** The staff's credentials: Argon2id hashes and RFC 6238 one-time codes, each used once. */
class CredentialsTest {

    // RFC 6238, Appendix B: the SHA-1 secret "12345678901234567890", 8 digits there; the last 6 here
    private static final String RFC_SECRET = Base32.toBase32String("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void one_time_codes_follow_rfc_6238() {
        assertEquals("287082", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))));
        assertEquals("050471", Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111111))));
    }

    @Test
    void a_code_is_accepted_once_and_one_step_either_side() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        String code = Totp.code(RFC_SECRET, step);
        assertEquals(step, Totp.verify(RFC_SECRET, code, now, 0));
        assertTrue(Totp.verify(RFC_SECRET, code, now, step) < 0, "the same step again is a replay");
        assertEquals(step, Totp.verify(RFC_SECRET, code, now.plusSeconds(30), 0), "the clock a step ahead");
        assertTrue(Totp.verify(RFC_SECRET, code, now.plusSeconds(120), 0) < 0, "four steps later");
        assertTrue(Totp.verify(RFC_SECRET, "12345", now, 0) < 0);
    }

    @Test
    void passwords_are_argon2id_salted_and_verified() {
        SecureRandom random = new SecureRandom();
        String one = Passwords.hash("Korrekt Pferd Batterie", random);
        String two = Passwords.hash("Korrekt Pferd Batterie", random);
        assertTrue(one.startsWith("$argon2id$v=19$"), one);
        assertNotEquals(one, two, "salted");
        assertTrue(Passwords.verify("Korrekt Pferd Batterie", one));
        assertFalse(Passwords.verify("korrekt Pferd Batterie", one));
        assertFalse(Passwords.verify(null, one));
    }
}

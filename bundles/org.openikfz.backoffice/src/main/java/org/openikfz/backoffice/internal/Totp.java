package org.openikfz.backoffice.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.util.encoders.Base32;

/**
 * Time-based one-time codes (TOTP, RFC 6238 with HMAC-SHA1, 30-second steps, six digits), as every
 * authenticator app computes them. A code is accepted for the current step and one step either
 * side (clock drift), and only for a step after the last one accepted, so it cannot be replayed.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    private static final int DIGITS = 6;

    private Totp() {
    }

    /** A new shared secret: 160 random bits, Base32 (RFC 4226 § 4 recommends 160). */
    static String newSecret(SecureRandom random) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        return Base32.toBase32String(secret);
    }

    static long step(Instant now) {
        return now.getEpochSecond() / STEP_SECONDS;
    }

    /** The code of a time step. */
    static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base32.decode(base32Secret.toUpperCase(Locale.ROOT)), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 not available", e);
        }
    }

    /**
     * The step whose code {@code code} is, if it is valid now and newer than {@code lastStep};
     * otherwise -1.
     */
    static long verify(String base32Secret, String code, Instant now, long lastStep) {
        if (code == null || !code.strip().matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        byte[] given = code.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long current = step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            byte[] expected = code(base32Secret, step).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (step > lastStep && MessageDigest.isEqual(given, expected)) {
                return step;
            }
        }
        return -1;
    }

    /** The otpauth link authenticator apps read (as a QR code). */
    static String uri(String issuer, String user, String secret) {
        String label = java.net.URLEncoder.encode(issuer + ":" + user, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }
}

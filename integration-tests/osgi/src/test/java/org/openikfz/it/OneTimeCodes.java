package org.openikfz.it;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a member of staff's authenticator app does: the six-digit code of a TOTP secret (RFC 6238,
 * HMAC-SHA1, 30 s), written from the RFC independently of the platform's code, so a test of the
 * login checks the platform against the standard. Shared by the test modules.
 */
public final class OneTimeCodes {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private OneTimeCodes() {
    }

    /** The code for the given moment. */
    public static String code(String base32Secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(decode(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first operator's account as the first start wrote it to data/initial-operator.txt: user, password, secret. */
    public static String[] initialOperator(Path home) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve("data/initial-operator.txt"))) {
            p.load(in);
        }
        return new String[] {p.getProperty("user"), p.getProperty("password"), p.getProperty("totpSecret")};
    }

    private static byte[] decode(String base32) {
        String s = base32.toUpperCase(Locale.ROOT).replace("=", "");
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}

package org.openikfz.simulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.openikfz.api.value.Fin;

/**
 * <strong>The simulator's own</strong> stand-in for the KBA's Prüfziffer of a HU report (FZV § 22(3)–(4),
 * Anlage 10). The real algorithm is a KBA standard and not public; this one is made up and only
 * agrees with itself: the Prüfziffer is the first six characters of the SHA-256 of
 * {@code FIN|lastHu|nextHu|ORGANISATION} (UTF-8; e.g. {@code WVWZZZ1JZXW000001|2025-04-10|2027-04|TUEV};
 * the organisation key trimmed and upper-cased), each byte taken modulo 36 as a character of
 * {@code 0–9A–Z}. Deterministic, so a HU report made with {@code GET /kba/admin/pruefziffer} passes
 * the portal's check against the simulator, and nothing else does.
 */
final class HuPruefziffer {

    static final int LENGTH = 6;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private HuPruefziffer() {
    }

    static String of(Fin fin, LocalDate lastHu, YearMonth nextHu, String organisation) {
        if (fin == null || lastHu == null || nextHu == null) {
            throw new IllegalArgumentException("fin, lastHu and nextHu are needed");
        }
        String org = organisation == null ? "" : organisation.strip().toUpperCase(Locale.ROOT);
        String input = fin.value() + "|" + lastHu + "|" + nextHu + "|" + org;
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt((hash[i] & 0xff) % ALPHABET.length()));
        }
        return out.toString();
    }
}

package org.openikfz.core.internal.access;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.TOO_MANY_REQUESTS;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.api.text.LocalizedText;

/**
 * The status page's code: with the reference number it shows where an application stands, without an
 * account. It is derived from the application's access token (whoever holds the token can show it
 * again, nobody stores it in clear) and only its SHA-256 is kept with the case. Twelve characters of
 * Crockford's Base32 (60 bits), grouped in fours; typed codes may be in lower case, with spaces or
 * hyphens, and with O for 0 or I and L for 1.
 *
 * <p>Guessing is bounded per client: after {@value #MAX_FAILURES} failed lookups of one reference
 * within {@link #WINDOW}, that client's lookups of it are refused until the window has passed, and after
 * {@value #MAX_CLIENT_FAILURES} failed lookups of any references, all of that client's. Counted per client
 * (its address, as the web tier established it), so that nobody can lock a citizen's lookup by sending
 * wrong codes for their reference (references are sequential); with 60 bits a code is not guessed in
 * a client's few tries. A wrong reference and a wrong code are not told apart, and both count: the
 * refusal does not tell a reference that exists from one that does not. The counts live in this node's
 * memory (at most {@value #TRACKED} clients and as many client-reference pairs, the oldest dropped first).
 */
public final class StatusCodes {

    static final int MAX_FAILURES = 5;
    static final int MAX_CLIENT_FAILURES = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int TRACKED = 10_000;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 12;

    private final Supplier<Instant> clock;
    // client + reference -> times of the failed lookups within the window; guarded by itself
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, false);
    // client -> times of its failed lookups of any reference within the window; guarded by failures
    private final Map<String, Deque<Instant>> clients = new LinkedHashMap<>(16, 0.75f, false);

    public StatusCodes(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** The code for an access token: {@code 7KQM-2XPD-4HTR}. */
    public static String of(String accessToken) {
        byte[] digest = sha("status-code:" + accessToken);
        StringBuilder code = new StringBuilder();
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt((int) ((bits >>> (64 - 5 * (i + 1))) & 31)));
        }
        return code.toString();
    }

    /** The code as typed, in its canonical form (upper case, grouped), or {@code null} when it cannot be one. */
    public static String normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        StringBuilder plain = new StringBuilder();
        for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            char c = ch == 'O' ? '0' : ch == 'I' || ch == 'L' ? '1' : ch;
            if (ALPHABET.indexOf(c) >= 0) {
                plain.append(c);
            } else if (c != '-' && !Character.isWhitespace(c)) {
                return null;
            }
        }
        if (plain.length() != LENGTH) {
            return null;
        }
        return plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8);
    }

    /** What is stored: the SHA-256 (hex) of the canonical code. */
    public static String hash(String code) {
        return Access.sha256(code);
    }

    /** Whether the typed code is the one whose hash is stored (in constant time); {@code false} when none is stored. */
    public static boolean matches(String typed, String storedHash) {
        String code = normalise(typed);
        if (code == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(code).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Starts a client's lookup of a reference: counted as failed until {@link #release} says it was not, so that
     * parallel guesses cannot pass the limit together (a check first and a count after would let them).
     *
     * @param client the client's address ({@code null} when not known: such lookups share one count)
     * @return the attempt, to release
     * @throws ApplicationException {@code TOO_MANY_REQUESTS}, with the time until the next try, when the client had
     *         too many failed lookups of this reference, or of any, lately
     */
    public Attempt attempt(String reference, String client) {
        Instant now = clock.get();
        Attempt attempt = new Attempt(clientKey(client), reference, now);
        synchronized (failures) {
            Deque<Instant> times = recent(failures, attempt.pair(), now);
            Deque<Instant> all = recent(clients, attempt.client(), now);
            Instant first = times.size() >= MAX_FAILURES ? times.peekFirst() : all.size() >= MAX_CLIENT_FAILURES ? all.peekFirst() : null;
            if (first != null) {
                Duration wait = Duration.between(now, first.plus(WINDOW));
                long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
                throw new ApplicationException(TOO_MANY_REQUESTS, TEXTS.format("statusCodes.too-many-wrong-codes", LocalizedText.german(String.valueOf(minutes))),
                        wait);
            }
            times.addLast(now);
            all.addLast(now);
            return attempt;
        }
    }

    /** The lookup found its application (the right code): not counted. */
    public void release(Attempt attempt) {
        synchronized (failures) {
            forget(failures, attempt.pair(), attempt.at());
            forget(clients, attempt.client(), attempt.at());
        }
    }

    /** One lookup, counted until released. */
    public record Attempt(String client, String reference, Instant at) {
        String pair() {
            return client + "\n" + reference;
        }
    }

    /** The times under {@code key} still within the window (the map trimmed to {@link #TRACKED} keys, the oldest first). */
    private static Deque<Instant> recent(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.pollFirst();
        }
        if (map.size() > TRACKED) {
            java.util.Iterator<String> oldest = map.keySet().iterator();
            if (!oldest.next().equals(key)) {
                oldest.remove();
            }
        }
        return times;
    }

    private static void forget(Map<String, Deque<Instant>> map, String key, Instant at) {
        Deque<Instant> times = map.get(key);
        if (times != null) {
            times.removeLastOccurrence(at);
            if (times.isEmpty()) {
                map.remove(key);
            }
        }
    }

    /** The client's address as the count's key: kept in memory only, never logged. */
    private static String clientKey(String client) {
        return client == null || client.isBlank() ? "" : client.strip();
    }

    private static byte[] sha(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

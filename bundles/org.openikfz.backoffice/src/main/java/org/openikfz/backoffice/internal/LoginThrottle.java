package org.openikfz.backoffice.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Login attempts per client address, counted before the account's own lockout: an address may make
 * {@code perAddressAndUser} attempts for one account, and {@code perAddress} for all, within the
 * window; a successful login gives its attempt back. Each attempt is taken before it is checked, in
 * one step for both counts, so parallel guesses cannot outrun the bound: one outsider cannot lock an
 * account (its lockout needs more failures than one address may make), nor spray guesses across
 * accounts. In memory, per node; at most {@link #MAX_TRACKED} keys.
 */
final class LoginThrottle {

    static final int MAX_TRACKED = 100_000;

    private record Window(Instant start, int attempts) {
    }

    private final int perAddress;
    private final int perAddressAndUser;
    private final Duration window;
    private final Map<String, Window> attempts = new HashMap<>(); // guarded by this

    LoginThrottle(int perAddress, int perAddressAndUser, Duration window) {
        this.perAddress = perAddress;
        this.perAddressAndUser = perAddressAndUser;
        this.window = window;
    }

    /** Takes an attempt for {@code address} and {@code user}; false (nothing taken) when either bound is reached. */
    synchronized boolean tryAttempt(String address, String user, Instant now) {
        String all = "a:" + address;
        String one = "u:" + address + "\u0000" + user;
        if (count(all, now) >= perAddress || count(one, now) >= perAddressAndUser) {
            return false;
        }
        if (attempts.size() >= MAX_TRACKED) {
            attempts.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (attempts.size() >= MAX_TRACKED) {
                attempts.clear(); // a flood of addresses: forget rather than grow
            }
        }
        for (String key : new String[] {all, one}) {
            attempts.merge(key, new Window(now, 1), (old, first) -> now.isBefore(old.start().plus(window))
                    ? new Window(old.start(), old.attempts() + 1) : first);
        }
        return true;
    }

    /** A login that succeeded gives its attempt back. */
    synchronized void succeeded(String address, String user) {
        for (String key : new String[] {"a:" + address, "u:" + address + "\u0000" + user}) {
            attempts.computeIfPresent(key, (k, w) -> w.attempts() <= 1 ? null : new Window(w.start(), w.attempts() - 1));
        }
    }

    private int count(String key, Instant now) {
        Window w = attempts.get(key);
        return w == null || !now.isBefore(w.start().plus(window)) ? 0 : w.attempts();
    }
}

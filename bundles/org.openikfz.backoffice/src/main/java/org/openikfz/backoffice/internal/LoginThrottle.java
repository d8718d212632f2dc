package org.openikfz.backoffice.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address, counted before the account's own lockout: an address that failed
 * {@code perAddressAndUser} times for one account, or {@code perAddress} times for any, is refused for
 * the rest of the window without the account being looked at. So one outsider cannot lock an
 * account (its lockout needs more failures than one address may make), nor spray guesses across
 * accounts. In memory, per node; at most {@link #MAX_TRACKED} keys.
 */
final class LoginThrottle {

    static final int MAX_TRACKED = 100_000;

    private record Window(Instant start, int failures) {
    }

    private final int perAddress;
    private final int perAddressAndUser;
    private final Duration window;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    LoginThrottle(int perAddress, int perAddressAndUser, Duration window) {
        this.perAddress = perAddress;
        this.perAddressAndUser = perAddressAndUser;
        this.window = window;
    }

    boolean throttled(String address, String user, Instant now) {
        return count("a:" + address, now) >= perAddress || count("u:" + address + "\u0000" + user, now) >= perAddressAndUser;
    }

    void failed(String address, String user, Instant now) {
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (failures.size() >= MAX_TRACKED) {
                failures.clear(); // a flood of addresses: forget rather than grow
            }
        }
        for (String key : new String[] {"a:" + address, "u:" + address + "\u0000" + user}) {
            failures.merge(key, new Window(now, 1), (old, one) -> now.isBefore(old.start().plus(window))
                    ? new Window(old.start(), old.failures() + 1) : one);
        }
    }

    private int count(String key, Instant now) {
        Window w = failures.get(key);
        return w == null || !now.isBefore(w.start().plus(window)) ? 0 : w.failures();
    }
}

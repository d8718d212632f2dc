package org.openikfz.core.internal.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Who may start a verification now.
 *
 * <ul>
 * <li><b>Bulkhead:</b> at most {@code concurrent} verifications run at once. Each holds a request
 * thread of its ingress while the register answers; beyond the bound a verification is refused at
 * once ("try again in a minute"), so a slow external system cannot take every thread of the portal.
 * <li><b>Attempts per vehicle:</b> FZV § 20(4) allows three corrections per application; without a
 * bound across applications anyone could open application after application and try codes for one
 * vehicle. A verification takes an attempt of its vehicle (its plate and its FIN) before it runs, and
 * gives it back unless the outcome is opposed; after {@code opposedPerVehicle} attempts within
 * {@code window} the vehicle's verification is refused until the window ends, whoever asks. Taking the
 * attempt first, in one step for all keys, means parallel verifications cannot outrun the bound.
 * </ul>
 * The counts are this node's (in memory); with several nodes each counts its own.
 */
public final class Admission {

    /** Vehicles counted at most; when more, windows that ended are dropped first, then the oldest. */
    static final int MAX_TRACKED = 100_000;

    private record Window(Instant start, int attempts) {
    }

    private final Semaphore running;
    private final int opposedPerVehicle;
    private final Duration window;
    private final Map<String, Window> windows = new HashMap<>(); // guarded by this

    public Admission(int concurrent, int opposedPerVehicle, Duration window) {
        this.running = new Semaphore(Math.max(1, concurrent));
        this.opposedPerVehicle = Math.max(1, opposedPerVehicle);
        this.window = window;
    }

    /** Takes a place for one verification; false when {@code concurrent} run already. Give it back with {@link #leave()}. */
    public boolean tryEnter() {
        return running.tryAcquire();
    }

    public void leave() {
        running.release();
    }

    /**
     * Takes an attempt for each of these vehicles; empty when taken, else how long until they may be verified again
     * (then nothing is taken). Give it back with {@link #release} unless the verification was opposed.
     */
    public synchronized Optional<Duration> reserve(Collection<String> vehicles, Instant now) {
        Duration longest = null;
        for (String vehicle : vehicles) {
            Window w = windows.get(vehicle);
            if (w == null || !now.isBefore(w.start().plus(window)) || w.attempts() < opposedPerVehicle) {
                continue;
            }
            Duration left = Duration.between(now, w.start().plus(window));
            if (longest == null || left.compareTo(longest) > 0) {
                longest = left;
            }
        }
        if (longest != null) {
            return Optional.of(longest);
        }
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (windows.size() >= MAX_TRACKED) {
                windows.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Window::start)))
                        .ifPresent(oldest -> windows.remove(oldest.getKey()));
            }
        }
        for (String vehicle : vehicles) {
            windows.merge(vehicle, new Window(now, 1), (old, first) -> now.isBefore(old.start().plus(window))
                    ? new Window(old.start(), old.attempts() + 1) : first);
        }
        return Optional.empty();
    }

    /** Gives back the attempts {@link #reserve} took: the verification was not opposed (or did not run). */
    public synchronized void release(Collection<String> vehicles) {
        for (String vehicle : vehicles) {
            windows.computeIfPresent(vehicle, (v, w) -> w.attempts() <= 1 ? null : new Window(w.start(), w.attempts() - 1));
        }
    }
}

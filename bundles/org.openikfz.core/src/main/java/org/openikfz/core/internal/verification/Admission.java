package org.openikfz.core.internal.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * vehicle. After {@code opposedPerVehicle} opposed verifications of a vehicle (its plate or its FIN)
 * within {@code window}, its verification is refused until the window ends, whoever asks.
 * </ul>
 * The counts are this node's (in memory); with several nodes each counts its own.
 */
public final class Admission {

    /** Vehicles counted at most; when more, windows that ended are dropped first, then the oldest. */
    static final int MAX_TRACKED = 100_000;

    private record Window(Instant start, int opposed) {
    }

    private final Semaphore running;
    private final int opposedPerVehicle;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

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

    /** How long until these vehicles may be verified again; empty when they may now. */
    public Optional<Duration> blocked(Collection<String> vehicles, Instant now) {
        Duration longest = null;
        for (String vehicle : vehicles) {
            Window w = windows.get(vehicle);
            if (w == null || !now.isBefore(w.start().plus(window)) || w.opposed() < opposedPerVehicle) {
                continue;
            }
            Duration left = Duration.between(now, w.start().plus(window));
            if (longest == null || left.compareTo(longest) > 0) {
                longest = left;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** Counts one opposed verification for each of these vehicles. */
    public void opposed(Collection<String> vehicles, Instant now) {
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (windows.size() >= MAX_TRACKED) {
                windows.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Window::start)))
                        .ifPresent(oldest -> windows.remove(oldest.getKey()));
            }
        }
        for (String vehicle : vehicles) {
            windows.merge(vehicle, new Window(now, 1), (old, one) -> now.isBefore(old.start().plus(window))
                    ? new Window(old.start(), old.opposed() + 1) : one);
        }
    }
}

package org.openikfz.simulator.internal;

import java.util.List;
import org.openikfz.api.connector.ConnectorUnavailableException;

/**
 * How a simulated system answers: {@code normal}, {@code slow} (after a delay) or {@code unavailable}
 * (every call fails with {@link ConnectorUnavailableException}, as when the real system is down).
 * One per simulated system; set over the admin API ({@code POST /…/admin/mode}) or its configuration.
 */
final class Mode {

    static final List<String> MODES = List.of("normal", "slow", "unavailable");
    static final long DEFAULT_SLOW_DELAY = 3000;

    private final String system;
    private volatile String mode;
    private volatile long slowDelay;

    Mode(String system, String mode, long slowDelay) {
        this.system = system;
        set(mode);
        this.slowDelay = slowDelay;
    }

    Mode(String system) {
        this(system, "normal", DEFAULT_SLOW_DELAY);
    }

    String get() {
        return mode;
    }

    /** Sets the mode; anything else than normal, slow or unavailable is an {@link IllegalArgumentException}. */
    void set(String newMode) {
        if (!MODES.contains(newMode)) {
            throw new IllegalArgumentException("mode is normal, slow or unavailable");
        }
        this.mode = newMode;
    }

    void slowDelay(long millis) {
        this.slowDelay = millis;
    }

    /** Call before answering (outside any lock): waits in slow mode, fails in unavailable mode. */
    void await() throws ConnectorUnavailableException {
        switch (mode) {
            case "unavailable" -> throw new ConnectorUnavailableException(system + " simulator is set to unavailable");
            case "slow" -> {
                try {
                    Thread.sleep(slowDelay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorUnavailableException("interrupted");
                }
            }
            default -> {
            }
        }
    }
}

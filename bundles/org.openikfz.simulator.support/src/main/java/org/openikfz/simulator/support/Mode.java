package org.openikfz.simulator.support;

import java.util.Locale;

/**
 * How a simulated service answers: {@code normal}; {@code slow} (after a delay longer than the
 * connector's timeout); {@code unavailable} (HTTP 503); {@code malformed} (an answer that breaks off).
 * What each means in its protocol is the simulator's business.
 */
public enum Mode {
    NORMAL, SLOW, UNAVAILABLE, MALFORMED;

    /** The refusal of a value that is no mode. */
    public static final String MESSAGE = "mode is normal, slow, unavailable or malformed";

    /**
     * The mode of that name, ignoring case and surrounding white space.
     *
     * @throws IllegalArgumentException no mode (so an admin API answers 422)
     */
    public static Mode of(String value) {
        if (value != null) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(value.strip())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException(MESSAGE);
    }

    /**
     * The mode whose {@link #value()} is exactly {@code value} (lower case, nothing around it).
     *
     * @throws IllegalArgumentException no mode
     */
    public static Mode exactly(String value) {
        for (Mode m : values()) {
            if (m.value().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException(MESSAGE);
    }

    /** The name as the admin APIs show and take it: {@code normal}, {@code slow}, … */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}

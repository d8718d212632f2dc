package org.openikfz.api.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * How a connector to an external system is doing, as operators see it. Holds no secret: the endpoint
 * is shown without credentials, and the last error is written for operators (no personal data, no
 * password, token or key).
 *
 * @param name        what the connector reaches, e.g. "Gebührenrückstand Sachsen (XKfz)"
 * @param endpoint    where it reaches it, without credentials; or a file location
 * @param state       {@link State#UP} when the last call succeeded, {@link State#DOWN} when the circuit
 *                    breaker is open or the last call failed
 * @param circuit     the circuit breaker: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}; or {@code -}
 * @param lastSuccess when a call last succeeded, or {@code null}
 * @param lastFailure when a call last failed, or {@code null}
 * @param lastError   what went wrong then, or {@code null}
 * @param calls       calls since start
 * @param failures    failed calls since start (after retries)
 * @since 1.2
 */
public record ConnectorHealth(String name, String endpoint, State state, String circuit, Instant lastSuccess,
        Instant lastFailure, String lastError, long calls, long failures) {

    /** Whether the connector can be expected to answer. */
    public enum State {
        /** Working: the last call succeeded, or nothing failed yet. */
        UP,
        /** Answering, but recent calls failed. */
        DEGRADED,
        /** Not answering: the circuit breaker is open, or the data it needs are missing. */
        DOWN
    }

    public ConnectorHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(circuit, "circuit");
    }
}

package org.openikfz.connector.support;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.openikfz.api.connector.ConnectorHealth;
import org.openikfz.api.connector.ConnectorUnavailableException;

/**
 * Bounded waiting for one connector: every attempt has a timeout, a failed attempt is retried a
 * bounded number of times with a growing pause, and after {@link Settings#failureThreshold()}
 * failed attempts in a row the circuit opens — calls fail at once for {@link Settings#openFor()}
 * instead of making applicants wait for a system that is down; then one trial call decides.
 * A {@link MalformedAnswerException} is not retried. Built on Failsafe.
 *
 * <p>It also keeps the connector's {@link ConnectorHealth}: calls, failures, last success, last
 * error. Error texts pass {@link #redact(String)} first, so a password, client secret or token given
 * as a secret never reaches a log, the audit trail or the operator's view.
 */
public final class Resilience {

    /** How much later than an attempt's bound it is interrupted, at least (see the constructor). */
    static final Duration BACKSTOP_MARGIN = Duration.ofMillis(100);

    /** One attempt of a call. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /**
     * @param timeout          per attempt
     * @param retries          attempts after the first (0: none)
     * @param backoff          pause before the first retry; doubles per retry, at most four times this
     * @param failureThreshold failed attempts in a row that open the circuit
     * @param openFor          how long an open circuit refuses calls before one trial call
     */
    public record Settings(Duration timeout, int retries, Duration backoff, int failureThreshold, Duration openFor) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(openFor, "openFor");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive");
            }
            if (retries < 0 || retries > 5) {
                throw new IllegalArgumentException("retries must be between 0 and 5");
            }
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("the failure threshold must be at least 1");
            }
        }

        /** 5 s per attempt, 2 retries from 200 ms, circuit open after 5 failures for 30 s. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), 2, Duration.ofMillis(200), 5, Duration.ofSeconds(30));
        }

        /** From configuration values in milliseconds (ConfigAdmin properties). */
        public static Settings ofMillis(long timeoutMs, int retries, long backoffMs, int failureThreshold, long openForMs) {
            return new Settings(Duration.ofMillis(timeoutMs), retries, Duration.ofMillis(Math.max(1, backoffMs)),
                    failureThreshold, Duration.ofMillis(Math.max(1, openForMs)));
        }
    }

    private final String name;
    private final String endpoint;
    private final List<String> secrets;
    private final Clock clock;
    private final Duration timeout;
    private final CircuitBreaker<Object> breaker;
    private final FailsafeExecutor<Object> executor;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastError;
    private volatile boolean lastFailed;

    /**
     * @param name     what the connector reaches, for operators
     * @param endpoint where, without credentials
     * @param secrets  values never to show in an error text (passwords, client secrets, tokens)
     */
    public Resilience(String name, String endpoint, Settings settings, Collection<String> secrets) {
        this(name, endpoint, settings, secrets, Clock.systemUTC());
    }

    Resilience(String name, String endpoint, Settings settings, Collection<String> secrets, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
        this.clock = clock;
        this.timeout = settings.timeout();
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handle(Exception.class)
                .abortOn(MalformedAnswerException.class, CircuitBreakerOpenException.class)
                .withMaxRetries(settings.retries())
                .withBackoff(settings.backoff(), settings.backoff().multipliedBy(4))
                .build();
        this.breaker = CircuitBreaker.builder()
                .handle(Exception.class)
                .withFailureThreshold(settings.failureThreshold())
                .withDelay(settings.openFor())
                .withSuccessThreshold(1)
                .build();
        // the backstop for an attempt that overruns its bound. The connectors give their HTTP requests the same bound and
        // end a slow answer themselves; interrupting at that very moment raced them: landing as the request gave up, the
        // interrupt stayed on the thread and cut the retry's back-off short ("sleep interrupted", no retry). It comes a
        // little later now, so that only an attempt that ignores its bound is interrupted
        Duration quarter = settings.timeout().dividedBy(4);
        Duration margin = quarter.compareTo(BACKSTOP_MARGIN) > 0 ? quarter : BACKSTOP_MARGIN;
        Timeout<Object> timeout = Timeout.builder(settings.timeout().plus(margin)).withInterrupt().build();
        this.executor = Failsafe.with(retry, breaker, timeout);
    }

    /**
     * Runs the call within the bounds.
     *
     * @throws ConnectorUnavailableException when no answer came within them (timeouts, errors,
     *                                       open circuit), or the answer was malformed; the message is redacted
     */
    @SuppressWarnings("unchecked")
    public <T> T call(Attempt<T> attempt) throws ConnectorUnavailableException {
        calls.incrementAndGet();
        try {
            T result = (T) executor.get(attempt::run);
            lastSuccess = clock.instant();
            lastFailed = false;
            return result;
        } catch (CircuitBreakerOpenException e) {
            throw failed("circuit open after repeated failures; next trial call after the pause", null);
        } catch (TimeoutExceededException e) {
            throw failed("no answer within " + timeout.toMillis() + " ms", null);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failed(describe(cause), cause);
        } catch (RuntimeException e) {
            throw failed(describe(e), e);
        }
    }

    private ConnectorUnavailableException failed(String message, Throwable cause) {
        failures.incrementAndGet();
        String text = redact(message);
        lastFailure = clock.instant();
        lastError = text;
        lastFailed = true;
        if (cause instanceof MalformedAnswerException) {
            return new MalformedAnswerException(name + ": " + text);
        }
        return new ConnectorUnavailableException(name + ": " + text);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof ConnectorUnavailableException) {
            return message == null ? kind : message;
        }
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    /** The text with every secret replaced by {@code ***} and user information in URLs removed. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replaceAll("(https?://)[^/@\\s]+@", "$1***@");
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out.length() > 300 ? out.substring(0, 300) + "…" : out;
    }

    /** The connector's health now. */
    public ConnectorHealth health() {
        ConnectorHealth.State state;
        if (breaker.isOpen()) {
            state = ConnectorHealth.State.DOWN;
        } else if (lastFailed) {
            state = ConnectorHealth.State.DEGRADED;
        } else {
            state = ConnectorHealth.State.UP;
        }
        return new ConnectorHealth(name, endpoint, state, breaker.getState().name(), lastSuccess, lastFailure, lastError,
                calls.get(), failures.get());
    }
}

package org.openikfz.api.application;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.openikfz.api.text.LocalizedText;

/**
 * The engine refuses a request, with a reason the applicant understands (German first). Never
 * carries a stack trace to the user; never names a security code.
 */
public class ApplicationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, in broad terms: lets the web API choose its HTTP status. */
    public enum Reason {
        /** No such application, or not yours (the two are not told apart). */
        NOT_FOUND,
        /** The procedure is not available right now (e.g. its bundle is being updated). */
        UNAVAILABLE,
        /** The request does not fit the application's state (e.g. submit before payment). */
        WRONG_STATE,
        /** The input is not valid. */
        INVALID,
        /** Too many attempts (e.g. verifications of one vehicle): refused until {@link #retryAfter()}. */
        TOO_MANY_REQUESTS
    }

    private final Reason reason;
    private final LocalizedText text;
    private final Duration retryAfter;

    public ApplicationException(Reason reason, LocalizedText text) {
        this(reason, text, null);
    }

    /**
     * @param retryAfter when the same request may succeed again (an HTTP {@code Retry-After}), or {@code null}
     * @since 1.3
     */
    public ApplicationException(Reason reason, LocalizedText text, Duration retryAfter) {
        super(Objects.requireNonNull(text, "text").toString());
        this.reason = Objects.requireNonNull(reason, "reason");
        this.text = text;
        this.retryAfter = retryAfter;
    }

    /**
     * When the same request may succeed again, if the engine knows.
     *
     * @since 1.3
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Reason reason() {
        return reason;
    }

    public LocalizedText text() {
        return text;
    }

    public String getMessage(Locale locale) {
        return text.get(locale);
    }
}

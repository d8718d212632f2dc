package org.openikfz.api.backoffice;

import java.util.Locale;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/** The back office refuses a request, with a reason staff understand (German first). */
public class BackOfficeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, in broad terms: lets a web API choose its HTTP status. */
    public enum Reason {
        /** Not logged in, the session expired, or the login was wrong (which part is not told). */
        UNAUTHORIZED,
        /** Logged in, but the role or the authority does not allow it. */
        FORBIDDEN,
        /** No such case. */
        NOT_FOUND,
        /** The request does not fit the case's state (e.g. decided already). */
        WRONG_STATE,
        /** The input is not valid (e.g. a decision without a reason). */
        INVALID
    }

    private final Reason reason;
    private final LocalizedText text;

    public BackOfficeException(Reason reason, LocalizedText text) {
        super(Objects.requireNonNull(text, "text").toString());
        this.reason = Objects.requireNonNull(reason, "reason");
        this.text = text;
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

package org.openikfz.connector.support;

import org.openikfz.api.connector.ConnectorUnavailableException;

/**
 * The external system answered, but not in the agreed form (unparseable, a field missing, an unknown
 * value). Not retried: asking again gets the same answer. The check fails and the clerks decide.
 */
public class MalformedAnswerException extends ConnectorUnavailableException {

    private static final long serialVersionUID = 1L;

    /** @param message what was wrong with the answer, for operators: no personal data */
    public MalformedAnswerException(String message) {
        super(message);
    }

    public MalformedAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.openikfz.api.connector;

/**
 * An external system could not be reached or did not answer in time. The engine turns this into a
 * failed check (the clerks decide) or a retry (transfer) — never into a silent pass.
 */
public class ConnectorUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message for operators and the audit log: no personal data, no security code */
    public ConnectorUnavailableException(String message) {
        super(message);
    }

    public ConnectorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

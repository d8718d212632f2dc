package org.openikfz.connector.gebuehren.ni.internal;

/**
 * A delivered file is not a valid debtor list. The message names the line and the reason, never the
 * line's content (it holds personal data).
 */
final class RejectedFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    /**
     * @param line   the line number (1 = the header), or 0 for the file as a whole
     * @param reason what is wrong, without any value from the file
     */
    RejectedFileException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    int line() {
        return line;
    }

    String reason() {
        return reason;
    }
}

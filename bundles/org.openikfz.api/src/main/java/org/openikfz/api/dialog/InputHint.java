package org.openikfz.api.dialog;

/**
 * How a text editor helps the applicant with an answer. New hints may be added in minor versions; a
 * UI ignores those it does not know.
 *
 * @since 2.0
 */
public enum InputHint {
    /** Codes and identifiers: capital letters, no spelling check, no autocompletion. */
    CAPITALS,
    /** Digits only: a phone shows its number keyboard. */
    NUMERIC,
    /**
     * Codes printed in upper and lower case (the security codes of the seals and the registration certificates): typed
     * exactly as printed, so no automatic capitals, no spelling check and no autocompletion.
     *
     * @since 2.1
     */
    CASE_SENSITIVE
}

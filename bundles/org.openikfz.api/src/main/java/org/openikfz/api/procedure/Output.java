package org.openikfz.api.procedure;

/** What a procedure produces besides the transfer to the Fachverfahren and the KBA. */
public enum Output {
    /** The decision as a read-only electronic document, offered for 30 minutes (FZV § 23). */
    DECISION_DOCUMENT,
    /** The provisional registration proof that allows driving at once (FZV §§ 31–32). */
    PROVISIONAL_REGISTRATION_PROOF,
    /** Registration documents and plate seals sent by post. */
    DOCUMENTS_BY_POST,
    /** A written notice to the holder when a third party applied. */
    NOTICE_TO_HOLDER,
    /** A written notice to the previous holder of a change of holder (FZV § 30). */
    NOTICE_TO_PREVIOUS_HOLDER,
    /**
     * The confirmation of the SEPA mandate for the vehicle tax, which the holder can save or print
     * (FZV Anlage 11 Nr. 5). @since 1.1
     */
    SEPA_MANDATE_CONFIRMATION
}

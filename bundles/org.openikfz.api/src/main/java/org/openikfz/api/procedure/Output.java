package org.openikfz.api.procedure;

/** What a procedure produces besides the transfer to the Fachverfahren and the KBA. */
public enum Output {
    /** The decision as a read-only electronic document, offered for 30 minutes (FZV § 23). */
    DECISION_DOCUMENT,
    /** The provisional registration proof that allows driving at once (FZV §§ 31–32). */
    PROVISIONAL_REGISTRATION_PROOF,
    /**
     * Registration documents and plate seals sent by post. Since 1.2 the letter's contents are named by
     * {@link #ZB1_BY_POST}, {@link #ZB2_BY_POST}, {@link #SEAL_CARRIERS_BY_POST} and
     * {@link #HU_SEAL_CARRIER_BY_POST}; a procedure naming none of them gets the contents of 1.1.
     */
    DOCUMENTS_BY_POST,
    /** The Zulassungsbescheinigung Teil I goes to the holder by post (2019: § 15i(4) S. 1 Nr. 3). @since 1.2 */
    ZB1_BY_POST,
    /**
     * The Zulassungsbescheinigung Teil II goes to the holder by post (2019: § 15i(4) S. 1 Nr. 3), except
     * where the ordinance leaves it out (same holder, a move keeping the plate). @since 1.2
     */
    ZB2_BY_POST,
    /** The plate seals on their carriers go to the holder by post (2019: § 15i(4) S. 1 Nr. 1). @since 1.2 */
    SEAL_CARRIERS_BY_POST,
    /**
     * The HU inspection sticker on its carrier is sent with the seals (FZV § 22(1) S. 3; 2019: § 15e(1) S. 3).
     * @since 1.2
     */
    HU_SEAL_CARRIER_BY_POST,
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

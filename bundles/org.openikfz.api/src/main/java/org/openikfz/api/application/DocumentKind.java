package org.openikfz.api.application;

/**
 * The documents an applicant can download from the portal.
 *
 * @since 1.1
 */
public enum DocumentKind {
    /** The automated decision as a read-only PDF, for 30 minutes (FZV § 23(1)). */
    DECISION("decision.pdf"),
    /**
     * The provisional proof of registration (vorläufiger Zulassungsnachweis, FZV §§ 31–32): with it
     * the vehicle may be driven before the documents and seal carriers arrive; offered with the decision.
     */
    PROVISIONAL_REGISTRATION_PROOF("provisional-registration.pdf"),
    /** Confirmation of the SEPA mandate for the vehicle tax, to save or print (FZV Anlage 11 Nr. 5). */
    SEPA_MANDATE_CONFIRMATION("sepa-mandate.pdf");

    private final String fileName;

    DocumentKind(String fileName) {
        this.fileName = fileName;
    }

    /** The file name the document is offered under (and its path in the machine API). */
    public String fileName() {
        return fileName;
    }
}

package org.openikfz.api.procedure;

/** Whether the applicant must identify themselves electronically (FZV § 20(1)–(3)). */
public enum Identification {
    /** Secure identification (eID, BundID, eIDAS substantial/high, Organisationskonto) is required. */
    REQUIRED,
    /**
     * The applicant may identify, or proceed without: the security codes authorise the application and
     * the holder's data come from the register (Außerbetriebsetzung).
     */
    OPTIONAL
}

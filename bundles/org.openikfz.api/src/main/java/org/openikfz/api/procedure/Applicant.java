package org.openikfz.api.procedure;

/** Who may apply through the portal. */
public enum Applicant {
    /** A natural person applying for themselves (FZV § 20(1)). */
    NATURAL_PERSON,
    /** A legal person or self-employed holder identified through an Organisationskonto (Stufe 4). */
    LEGAL_PERSON,
    /**
     * Someone other than the holder; for Außerbetriebsetzung entering the security codes counts as
     * authorisation and the holder is informed in writing (FZV § 24).
     */
    THIRD_PARTY
}

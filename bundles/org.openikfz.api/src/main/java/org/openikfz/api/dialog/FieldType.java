package org.openikfz.api.dialog;

/**
 * What kind of answer a field takes. The type decides how the answer is validated at the edge
 * (see {@code org.openikfz.api.value}) and how the UI renders and treats it: security codes are
 * {@linkplain #secret() secret} and are never shown back, logged or kept after the decision.
 */
public enum FieldType {
    /** Free text in one line. */
    TEXT(false),
    /** A calendar date. */
    DATE(false),
    /** A month of a year, {@code 2027-04} (e.g. when the next HU is due). @since 1.1 */
    MONTH(false),
    /** Yes or no. */
    YES_NO(false),
    /** One of the field's choices. */
    CHOICE(false),
    /** A German licence plate (FZV § 9, Anlage 4). */
    KENNZEICHEN(false),
    /** Vehicle identification number (FIN, ISO 3779). */
    FIN(false),
    /**
     * 3-character security code of a plate seal (Stempelplakette, FZV Anlage 5) that does not say which
     * plate's seal it is. The register check refuses it since 1.2: a code proves only its own plate
     * unstamped (FZV § 21(3)). Use {@link #PLAKETTEN_CODE_FRONT}, {@link #PLAKETTEN_CODE_REAR},
     * {@link #PLAKETTEN_CODE_SHARED_PART}.
     */
    @Deprecated(since = "1.2")
    PLAKETTEN_CODE(true),
    /** Security code of the seal on the front plate (FZV § 21(1) Nr. 1, Anlage 5). @since 1.2 */
    PLAKETTEN_CODE_FRONT(true),
    /** Security code of the seal on the rear plate (FZV § 21(1) Nr. 1, Anlage 5). @since 1.2 */
    PLAKETTEN_CODE_REAR(true),
    /** Security code of the seal on the shared part of a Wechselkennzeichen (FZV § 8(1a), § 21(1) Nr. 1). @since 1.2 */
    PLAKETTEN_CODE_SHARED_PART(true),
    /** 7-character security code of the Zulassungsbescheinigung Teil I (FZV Anlage 6). */
    ZB1_CODE(true),
    /** 12-character security code of the Zulassungsbescheinigung Teil II (FZV Anlage 8). */
    ZB2_CODE(true),
    /** Number of an electronic insurance confirmation (eVB). */
    EVB(false),
    /** IBAN for the SEPA direct debit mandate of the vehicle tax. */
    IBAN(true);

    private final boolean secret;

    FieldType(boolean secret) {
        this.secret = secret;
    }

    /** Whether answers of this type must never be displayed again, logged or kept after use. */
    public boolean secret() {
        return secret;
    }
}

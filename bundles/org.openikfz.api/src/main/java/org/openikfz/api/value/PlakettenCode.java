package org.openikfz.api.value;

/**
 * Sicherheitscode einer Stempelplakette (FZV § 21 Abs. 1 Nr. 1; § 15d in the 2019 text): 3
 * characters A–Z, a–z, 0–9 without I, i, l, O and o (FZV Anlage 5; Anlage 4a in the numbering of
 * 2011/2019). Uncovering it un-stamps the plate (§ 21 Abs. 3). A Wechselkennzeichen has one more
 * code on the shared plate part.
 *
 * <p>The code is case-sensitive and is not upper-cased; white space is removed. {@link #toString()}
 * never shows it; only the verification against the register needs {@link #value()}.
 *
 * @param value the code; for the verifier only, never log or display it
 */
public record PlakettenCode(String value) {

    /** The number of characters of the code. */
    public static final int LENGTH = 3;

    /** Validates and normalises; use {@link #of(String)}. */
    public PlakettenCode {
        value = SecurityCodes.normalise(value, "plakettencode", LENGTH, true);
    }

    /**
     * The code in {@code text}, e.g. {@code "Z2p"}.
     *
     * @throws ValueValidationException when the text is not such a code; the message does not
     *                                  contain the code
     */
    public static PlakettenCode of(String text) {
        return new PlakettenCode(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<PlakettenCode> check(String text) {
        return ValidationResult.of(PlakettenCode::of, text);
    }

    /** {@code "PlakettenCode[***]"}: never the code. */
    @Override
    public String toString() {
        return SecurityCodes.mask(PlakettenCode.class);
    }
}

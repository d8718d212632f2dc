package org.openikfz.api.value;

/**
 * Sicherheitscode der Zulassungsbescheinigung Teil I (FZV § 21 Abs. 1 Nr. 2): 7 characters A–Z,
 * a–z, 0–9 without I, i, l, O and o (FZV Anlage 6; Anlage 5 in the numbering of 2011/2019).
 * Uncovering it makes the document invalid.
 *
 * <p>The code is case-sensitive and is not upper-cased; white space is removed. {@link #toString()}
 * never shows it; only the verification against the register needs {@link #value()}.
 *
 * @param value the code; for the verifier only, never log or display it
 */
public record Zb1Code(String value) {

    /** The number of characters of the code. */
    public static final int LENGTH = 7;

    /** Validates and normalises; use {@link #of(String)}. */
    public Zb1Code {
        value = SecurityCodes.normalise(value, "zb1code", LENGTH, true);
    }

    /**
     * The code in {@code text}, e.g. {@code "aB3dE7x"}.
     *
     * @throws ValueValidationException when the text is not such a code; the message does not
     *                                  contain the code
     */
    public static Zb1Code of(String text) {
        return new Zb1Code(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Zb1Code> check(String text) {
        return ValidationResult.of(Zb1Code::of, text);
    }

    /** {@code "Zb1Code[***]"}: never the code. */
    @Override
    public String toString() {
        return SecurityCodes.mask(Zb1Code.class);
    }
}

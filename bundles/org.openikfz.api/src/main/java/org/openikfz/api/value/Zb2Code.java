package org.openikfz.api.value;

/**
 * Sicherheitscode der Zulassungsbescheinigung Teil II (FZV § 21 Abs. 1 Nr. 3): 12 characters A–Z,
 * a–z, 0–9 (FZV Anlage 8; Anlage 7 in the numbering of 2011/2019): the first is a function
 * character, the 2nd to 11th are random, the 12th is a modulus-11 check digit whose weights are not
 * published — so only length and alphabet are checked here; the KBA verifies the code. Uncovering
 * it makes the document invalid.
 *
 * <p>The code is case-sensitive and is not upper-cased; white space is removed. {@link #toString()}
 * never shows it; only the verification against the register needs {@link #value()}.
 *
 * @param value the code; for the verifier only, never log or display it
 */
public record Zb2Code(String value) {

    /** The number of characters of the code. */
    public static final int LENGTH = 12;

    /** Validates and normalises; use {@link #of(String)}. */
    public Zb2Code {
        value = SecurityCodes.normalise(value, "zb2code", LENGTH, false);
    }

    /**
     * The code in {@code text}, e.g. {@code "Ab3dE7xYz90K"}.
     *
     * @throws ValueValidationException when the text is not such a code; the message does not
     *                                  contain the code
     */
    public static Zb2Code of(String text) {
        return new Zb2Code(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Zb2Code> check(String text) {
        return ValidationResult.of(Zb2Code::of, text);
    }

    /** {@code "Zb2Code[***]"}: never the code. */
    @Override
    public String toString() {
        return SecurityCodes.mask(Zb2Code.class);
    }
}

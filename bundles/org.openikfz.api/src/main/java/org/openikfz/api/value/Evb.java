package org.openikfz.api.value;

/**
 * eVB-Nummer: the number of the electronic insurance confirmation (elektronische
 * Versicherungsbestätigung) that the motor insurer issues for a registration. 7 characters A–Z and
 * 0–9 without I and O (GDV practice); the first two identify the insurer. Input is normalised: white
 * space removed, upper-cased. The number is verified against the GDV database, not here.
 *
 * @param value the normalised number, 7 characters
 */
public record Evb(String value) {

    /** The number of characters of an eVB number. */
    public static final int LENGTH = 7;

    /** Validates and normalises; use {@link #of(String)}. */
    public Evb {
        value = normalise(value);
    }

    /**
     * The eVB number in {@code text}, e.g. {@code "a1b2c3d"}.
     *
     * @throws ValueValidationException when the text is not an eVB number
     */
    public static Evb of(String text) {
        return new Evb(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Evb> check(String text) {
        return ValidationResult.of(Evb::of, text);
    }

    private static String normalise(String text) {
        String s = Inputs.upperCase(Inputs.stripSpaces(text));
        if (s.isEmpty()) {
            throw new ValueValidationException("evb.empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'I' || c == 'O') {
                throw new ValueValidationException("evb.forbiddenLetter", String.valueOf(c), i + 1);
            }
            if (!Inputs.isAsciiAlphanumeric(c)) {
                throw new ValueValidationException("evb.invalidCharacter", String.valueOf(c), i + 1);
            }
        }
        if (s.length() != LENGTH) {
            throw new ValueValidationException("evb.length", s.length());
        }
        return s;
    }

    /** The first two characters, which identify the insurer. */
    public String insurerPrefix() {
        return value.substring(0, 2);
    }

    /** The eVB number. */
    @Override
    public String toString() {
        return value;
    }
}

package org.openikfz.api.value;

/**
 * Fahrzeug-Identifizierungsnummer (FIN, VIN; ISO 3779): 17 characters A–Z and 0–9 without I, O
 * and Q. Input is normalised: white space removed, upper-cased. Field E of the Zulassungsbescheinigung.
 *
 * <p>The German check digit ("Prüfziffer zur Fahrzeug-Identifizierungsnummer", field 3 of the
 * Zulassungsbescheinigung Teil I and II) is not part of the FIN; {@link #checkDigit()} computes it
 * and {@link #matchesCheckDigit(char)} compares a given one. A FIN is valid without it: vehicles
 * from before 1981 may have none.
 *
 * <p>Check digit algorithm (verified against the example A1BS31Z0430336179 → 4): every character
 * gets a value — digits their value; letters A–I = 1–9, J–R = 1–9 (except O = 0), S–Z = 2–9; the
 * value is multiplied by a weight that depends on the position counted from the right: positions
 * 1–9 weigh 2–10, positions 10–17 weigh 2–9 (weight = ((position − 1) mod 9) + 2). The remainder
 * of the sum modulo 11 is the check digit, remainder 10 is written "X". For the example the sum is
 * 268 and 268 mod 11 = 4. (The remainder itself is used, not 11 minus the remainder; I, O and Q
 * never occur in a valid FIN, so the O = 0 rule does not matter here.)
 *
 * @param value the normalised FIN, 17 characters
 */
public record Fin(String value) {

    /** The number of characters of a FIN. */
    public static final int LENGTH = 17;

    /** Validates and normalises; use {@link #of(String)}. */
    public Fin {
        value = normalise(value);
    }

    /**
     * The FIN in {@code text}, e.g. {@code "wdb 1234561a123456"}.
     *
     * @throws ValueValidationException when the text is not a FIN
     */
    public static Fin of(String text) {
        return new Fin(text);
    }

    /** Checks {@code text} without throwing. */
    public static ValidationResult<Fin> check(String text) {
        return ValidationResult.of(Fin::of, text);
    }

    private static String normalise(String text) {
        String s = Inputs.upperCase(Inputs.stripSpaces(text));
        if (s.isEmpty()) {
            throw new ValueValidationException("fin.empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'I' || c == 'O' || c == 'Q') {
                throw new ValueValidationException("fin.forbiddenLetter", String.valueOf(c), i + 1);
            }
            if (!Inputs.isAsciiAlphanumeric(c)) {
                throw new ValueValidationException("fin.invalidCharacter", String.valueOf(c), i + 1);
            }
        }
        if (s.length() != LENGTH) {
            throw new ValueValidationException("fin.length", s.length());
        }
        return s;
    }

    /** The German check digit: {@code '0'}–{@code '9'} or {@code 'X'}. */
    public char checkDigit() {
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            int positionFromRight = LENGTH - i;
            int weight = ((positionFromRight - 1) % 9) + 2;
            sum += charValue(value.charAt(i)) * weight;
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    /** Whether {@code checkDigit} (a digit or X, case-insensitive) is the check digit of this FIN. */
    public boolean matchesCheckDigit(char checkDigit) {
        return Character.toUpperCase(checkDigit) == checkDigit();
    }

    /**
     * Requires that {@code checkDigit} is the check digit of this FIN.
     *
     * @throws ValueValidationException when it is not a digit or X, or does not match
     */
    public void requireCheckDigit(char checkDigit) {
        char c = Character.toUpperCase(checkDigit);
        if (!(c >= '0' && c <= '9') && c != 'X') {
            throw new ValueValidationException("fin.checkDigitFormat");
        }
        if (c != checkDigit()) {
            throw new ValueValidationException("fin.checkDigitMismatch");
        }
    }

    static int charValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'I') {
            return c - 'A' + 1;
        }
        if (c == 'O') {
            return 0;
        }
        if (c >= 'J' && c <= 'R') {
            return c - 'J' + 1;
        }
        if (c >= 'S' && c <= 'Z') {
            return c - 'S' + 2;
        }
        throw new IllegalArgumentException("not a FIN character");
    }

    /** The FIN (not a secret). */
    @Override
    public String toString() {
        return value;
    }
}

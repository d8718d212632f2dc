package org.openikfz.api.value;

/**
 * Validation of the security codes (Sicherheitscodes, FZV § 21). Codes are case-sensitive: they are
 * never upper-cased. White space is removed (codes contain none). Error messages name the length and
 * the position of a wrong character, never the code or a character of it.
 */
final class SecurityCodes {

    /** The masked form that {@code toString()} of every code returns inside the brackets. */
    static final String MASK = "***";

    private SecurityCodes() {
    }

    /**
     * The normalised code.
     *
     * @param keyPrefix          prefix of the message keys, e.g. {@code "zb1code"}
     * @param length             the exact length
     * @param withoutLookAlikes  whether I, i, l, O and o are excluded from the alphabet
     */
    static String normalise(String text, String keyPrefix, int length, boolean withoutLookAlikes) {
        String s = Inputs.stripSpaces(text);
        if (s.isEmpty()) {
            throw new ValueValidationException(keyPrefix + ".empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Inputs.isAsciiAlphanumeric(c)) {
                throw new ValueValidationException(keyPrefix + ".invalidCharacter", i + 1);
            }
            if (withoutLookAlikes && isLookAlike(c)) {
                throw new ValueValidationException(keyPrefix + ".lookAlike", i + 1);
            }
        }
        if (s.length() != length) {
            throw new ValueValidationException(keyPrefix + ".length", s.length());
        }
        return s;
    }

    static boolean isLookAlike(char c) {
        return c == 'I' || c == 'i' || c == 'l' || c == 'O' || c == 'o';
    }

    static String mask(Class<?> type) {
        return type.getSimpleName() + "[" + MASK + "]";
    }
}

package org.openikfz.api.value;

/** Helpers for normalising user input. */
final class Inputs {

    private Inputs() {
    }

    /** Whether {@code c} is white space, including the no-break spaces that copy and paste brings. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** {@code text} without any white space; {@code ""} for {@code null}. */
    static String stripSpaces(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Whether {@code c} is an ASCII letter or digit. */
    static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** {@code text} upper-cased character by character (so that the length never changes, unlike "ß"). */
    static String upperCase(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            sb.append(Character.toUpperCase(text.charAt(i)));
        }
        return sb.toString();
    }
}

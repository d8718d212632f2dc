package org.openikfz.connector.mail.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses as operators may see them: {@code erika@example.org} becomes {@code e***@example.org}.
 * An applicant's address is personal data; logs, errors and health show it masked or not at all.
 */
final class Addresses {

    /** Anything that looks like an address in a text (e.g. a mail server's reply that repeats the recipient). */
    private static final Pattern IN_TEXT = Pattern.compile("[^\\s<>\"'(),;:@\\[\\]]+@([A-Za-z0-9.\\-\\[\\]:]+)");

    private Addresses() {
    }

    /** The address with its local part hidden but the first character, e.g. {@code e***@example.org}. */
    static String mask(String address) {
        if (address == null || address.isBlank()) {
            return "(none)";
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return a.charAt(0) + "***" + a.substring(at).toLowerCase(Locale.ROOT);
    }

    /** The text with every address in it masked. */
    static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The domain of an address, lower case ({@code zulassung.example} of {@code i-kfz@zulassung.example}). */
    static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}

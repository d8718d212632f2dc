package org.openikfz.simulator.gebuehren.by.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A debtor of the simulated Land: fees of an earlier Zulassungsvorgang that are still open.
 *
 * @param name          the debtor's name (person or organisation)
 * @param dateOfBirth   date of birth of a natural person, or {@code null}
 * @param amount        the amount owed in euro, positive, with cents
 * @param kassenzeichen the cash office's reference that the payment must quote
 * @param glaeubiger    the creditor (authority and its cash office)
 * @param faelligSeit   since when the amount is due
 */
record Debtor(String name, LocalDate dateOfBirth, BigDecimal amount, String kassenzeichen, String glaeubiger,
        LocalDate faelligSeit) {

    static final Pattern KASSENZEICHEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{2,39}");

    Debtor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is needed");
        }
        name = name.strip().replaceAll("\\s+", " ");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount has at most two decimals");
        }
        amount = amount.setScale(2);
        if (kassenzeichen == null || !KASSENZEICHEN.matcher(kassenzeichen.strip()).matches()) {
            throw new IllegalArgumentException("kassenzeichen is 3 to 40 letters, digits, '-', '/' or '.'");
        }
        kassenzeichen = kassenzeichen.strip();
        if (glaeubiger == null || glaeubiger.isBlank()) {
            throw new IllegalArgumentException("glaeubiger is needed");
        }
        glaeubiger = glaeubiger.strip().replaceAll("\\s+", " ");
        Objects.requireNonNull(faelligSeit, "faelligSeit");
    }

    /**
     * Whether the person asked about is this debtor: the name compared case-insensitively with
     * whitespace collapsed, and the date of birth when both have one.
     */
    boolean matches(String otherName, LocalDate otherDateOfBirth) {
        return otherName != null && normalise(name).equals(normalise(otherName))
                && (dateOfBirth == null || otherDateOfBirth == null || dateOfBirth.equals(otherDateOfBirth));
    }

    /** The name as compared: Unicode NFC, whitespace collapsed, lower case. */
    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Personal data: not shown. */
    @Override
    public String toString() {
        return "Debtor[" + kassenzeichen + "]";
    }
}

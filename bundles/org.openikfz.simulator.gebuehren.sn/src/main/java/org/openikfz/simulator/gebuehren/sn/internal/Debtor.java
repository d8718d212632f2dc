package org.openikfz.simulator.gebuehren.sn.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One unpaid fee the simulated Land records: who owes it (name, and the date of birth of a natural
 * person when known), how much, under which Kassenzeichen, to which creditor, due since when. A person
 * may owe several; the Kassenzeichen identifies the entry.
 *
 * @param name          full name or company name, as the fee notice names the debtor
 * @param dateOfBirth   date of birth, or {@code null} (then any date of birth matches)
 * @param amount        the amount owed in euro, positive, at most two decimals
 * @param kassenzeichen the creditor's reference for the payment
 * @param glaeubiger    the creditor (Kasse) to pay
 * @param faelligSeit   due since
 */
record Debtor(String name, LocalDate dateOfBirth, BigDecimal amount, String kassenzeichen, String glaeubiger,
        LocalDate faelligSeit) {

    /** Letters, digits and the separators Kassen use; no spaces, at most 40 characters. */
    static final Pattern KASSENZEICHEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}");

    Debtor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is needed");
        }
        name = name.strip().replaceAll("\\s+", " ");
        if (name.length() > 200) {
            throw new IllegalArgumentException("name is longer than 200 characters");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount has at most two decimals (cent)");
        }
        if (amount.compareTo(new BigDecimal("10000000")) >= 0) {
            throw new IllegalArgumentException("amount is implausibly high");
        }
        amount = amount.setScale(2);
        if (kassenzeichen == null || !KASSENZEICHEN.matcher(kassenzeichen.strip()).matches()) {
            throw new IllegalArgumentException("kassenzeichen: 1 to 40 letters, digits, '.', '/' or '-'");
        }
        kassenzeichen = kassenzeichen.strip();
        if (glaeubiger == null || glaeubiger.isBlank()) {
            throw new IllegalArgumentException("glaeubiger is needed");
        }
        glaeubiger = glaeubiger.strip().replaceAll("\\s+", " ");
        if (glaeubiger.length() > 200) {
            throw new IllegalArgumentException("glaeubiger is longer than 200 characters");
        }
        if (faelligSeit == null) {
            throw new IllegalArgumentException("faelligSeit is needed");
        }
    }

    /**
     * Whether the person asked about is this debtor: the names are equal ignoring case, Unicode
     * normalisation form and runs of white space; and the dates of birth are equal when both are known.
     */
    boolean matches(String otherName, LocalDate otherDateOfBirth) {
        return otherName != null && normalise(name).equals(normalise(otherName))
                && (dateOfBirth == null || otherDateOfBirth == null || dateOfBirth.equals(otherDateOfBirth));
    }

    /** The name as compared: NFC, stripped, white space collapsed, lower case. */
    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Personal data: not shown in logs. */
    @Override
    public String toString() {
        return "Debtor[" + kassenzeichen + "]";
    }
}

package org.openikfz.simulator.gebuehren.ni.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A debtor of the simulated Land Niedersachsen: fees of an earlier Zulassungsvorgang that are still open.
 *
 * @param name          the debtor's name (person or organisation)
 * @param dateOfBirth   date of birth of a natural person, or {@code null} for an organisation
 * @param plz           the Postleitzahl, or {@code null}; needed without a date of birth, since then it identifies
 * @param amount        the amount owed in euro, positive, with cents
 * @param kassenzeichen the cash office's reference that the payment must quote
 * @param glaeubiger    the creditor (authority and its cash office)
 */
record Debtor(String name, LocalDate dateOfBirth, String plz, BigDecimal amount, String kassenzeichen,
        String glaeubiger) {

    static final Pattern KASSENZEICHEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{2,39}");
    static final Pattern PLZ = Pattern.compile("[0-9]{5}");
    /** What a field of the export cannot hold: the separator, quotes (the format has no quoting), line breaks. */
    private static final Pattern UNREPRESENTABLE = Pattern.compile("[;\"\\p{Cntrl}]");

    Debtor {
        name = text("name", name);
        if (dateOfBirth != null && (dateOfBirth.getYear() < 1900 || dateOfBirth.getYear() > 2999)) {
            throw new IllegalArgumentException("dateOfBirth is out of range");
        }
        plz = plz == null || plz.isBlank() ? null : plz.strip();
        if (plz != null && !PLZ.matcher(plz).matches()) {
            throw new IllegalArgumentException("plz is five digits");
        }
        if (dateOfBirth == null && plz == null) {
            throw new IllegalArgumentException("an organisation (no dateOfBirth) needs its plz");
        }
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount has at most two decimals");
        }
        if (amount.precision() - amount.scale() > 9) {
            throw new IllegalArgumentException("amount is too large");
        }
        amount = amount.setScale(2);
        if (kassenzeichen == null || !KASSENZEICHEN.matcher(kassenzeichen.strip()).matches()) {
            throw new IllegalArgumentException("kassenzeichen is 3 to 40 letters, digits, '-', '/' or '.'");
        }
        kassenzeichen = kassenzeichen.strip();
        glaeubiger = text("glaeubiger", glaeubiger);
    }

    boolean organisation() {
        return dateOfBirth == null;
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is needed");
        }
        if (UNREPRESENTABLE.matcher(value).find()) {
            throw new IllegalArgumentException(field + " must not contain ';', '\"' or control characters");
        }
        String collapsed = value.strip().replaceAll("\\s+", " ");
        if (collapsed.length() > 200) {
            throw new IllegalArgumentException(field + " is at most 200 characters");
        }
        return collapsed;
    }

    /** Personal data: not shown. */
    @Override
    public String toString() {
        return "Debtor[" + kassenzeichen + "]";
    }
}

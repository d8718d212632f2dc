package org.openikfz.simulator.support;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A debtor of a simulated Land: fees of an earlier Zulassungsvorgang that are still open — who owes
 * them (name; the date of birth of a natural person, or the PLZ of an organisation when the Land records
 * it), how much, under which Kassenzeichen, to which creditor, due since when (when the Land records
 * it). A person may owe several; the Kassenzeichen identifies the entry. Checked and normalised on
 * construction by the Land's {@link DebtorRules}. Immutable; a simulator may subclass it to give the
 * constructor its Land's shape.
 */
public class Debtor {

    private final String name;
    private final LocalDate dateOfBirth;
    private final String plz;
    private final BigDecimal amount;
    private final String kassenzeichen;
    private final String glaeubiger;
    private final LocalDate faelligSeit;

    /**
     * @param rules         what the Land accepts
     * @param name          full name or company name, as the fee notice names the debtor
     * @param dateOfBirth   date of birth of a natural person, or {@code null} (then any date of birth matches)
     * @param plz           the Postleitzahl, or {@code null}
     * @param amount        the amount owed in euro, positive, at most two decimals
     * @param kassenzeichen the creditor's reference that the payment must quote
     * @param glaeubiger    the creditor (authority and its cash office)
     * @param faelligSeit   due since, or {@code null} when the rules allow it
     * @throws IllegalArgumentException what the rules refuse, named without the value (it is personal data)
     */
    public Debtor(DebtorRules rules, String name, LocalDate dateOfBirth, String plz, BigDecimal amount,
            String kassenzeichen, String glaeubiger, LocalDate faelligSeit) {
        this.name = text(rules, "name", name);
        if (rules.yearOfBirthChecked && dateOfBirth != null
                && (dateOfBirth.getYear() < 1900 || dateOfBirth.getYear() > 2999)) {
            throw new IllegalArgumentException("dateOfBirth is out of range");
        }
        this.dateOfBirth = dateOfBirth;
        this.plz = plz == null || plz.isBlank() ? null : plz.strip();
        if (this.plz != null && !DebtorRules.PLZ.matcher(this.plz).matches()) {
            throw new IllegalArgumentException("plz is five digits");
        }
        if (rules.organisationNeedsPlz && dateOfBirth == null && this.plz == null) {
            throw new IllegalArgumentException("an organisation (no dateOfBirth) needs its plz");
        }
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(rules.decimalsMessage);
        }
        if (rules.amountLimit != null && amount.compareTo(rules.amountLimit) >= 0) {
            throw new IllegalArgumentException(rules.amountLimitMessage);
        }
        this.amount = amount.setScale(2);
        if (kassenzeichen == null || !rules.kassenzeichen.matcher(kassenzeichen.strip()).matches()) {
            throw new IllegalArgumentException(rules.kassenzeichenMessage);
        }
        this.kassenzeichen = kassenzeichen.strip();
        this.glaeubiger = text(rules, "glaeubiger", glaeubiger);
        if (rules.faelligSeitNeeded && faelligSeit == null) {
            throw new IllegalArgumentException("faelligSeit is needed");
        }
        this.faelligSeit = faelligSeit;
    }

    private static String text(DebtorRules rules, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is needed");
        }
        if (rules.forbidden != null && rules.forbidden.matcher(value).find()) {
            throw new IllegalArgumentException(field + rules.forbiddenMessage);
        }
        String collapsed = value.strip().replaceAll("\\s+", " ");
        if (rules.maxTextLength > 0 && collapsed.length() > rules.maxTextLength) {
            throw new IllegalArgumentException(field + rules.tooLongMessage);
        }
        return collapsed;
    }

    public final String name() {
        return name;
    }

    /** The date of birth, or {@code null} (an organisation, or not known). */
    public final LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    /** The Postleitzahl, or {@code null}. */
    public final String plz() {
        return plz;
    }

    /** The amount owed in euro, with two decimals. */
    public final BigDecimal amount() {
        return amount;
    }

    public final String kassenzeichen() {
        return kassenzeichen;
    }

    public final String glaeubiger() {
        return glaeubiger;
    }

    /** Due since, or {@code null} when the Land records no due date. */
    public final LocalDate faelligSeit() {
        return faelligSeit;
    }

    /** Whether this is an organisation: no date of birth. */
    public final boolean organisation() {
        return dateOfBirth == null;
    }

    /**
     * Whether the person asked about is this debtor: the names are equal ignoring case, Unicode
     * normalisation form and runs of white space; and the dates of birth are equal when both are known.
     */
    public final boolean matches(String otherName, LocalDate otherDateOfBirth) {
        return otherName != null && normalise(name).equals(normalise(otherName))
                && (dateOfBirth == null || otherDateOfBirth == null || dateOfBirth.equals(otherDateOfBirth));
    }

    /** The name as compared: NFC, stripped, white space collapsed, lower case. */
    public static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Debtor d && o.getClass() == getClass() && name.equals(d.name)
                && Objects.equals(dateOfBirth, d.dateOfBirth) && Objects.equals(plz, d.plz) && amount.equals(d.amount)
                && kassenzeichen.equals(d.kassenzeichen) && glaeubiger.equals(d.glaeubiger)
                && Objects.equals(faelligSeit, d.faelligSeit);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(name, dateOfBirth, plz, amount, kassenzeichen, glaeubiger, faelligSeit);
    }

    /** Personal data: not shown in logs. */
    @Override
    public final String toString() {
        return "Debtor[" + kassenzeichen + "]";
    }
}

package org.openikfz.simulator.support;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * What a Land's simulator accepts as a {@link Debtor}, and how it words a refusal (the words reach the
 * admin API's 422 answers). {@link #standard()} is the common core; each simulator adds its Land's
 * details with the {@code with…} methods. Immutable.
 */
public final class DebtorRules {

    /** Kassenzeichen of 3 to 40 letters, digits and the separators Kassen use, no spaces. */
    public static final Pattern KASSENZEICHEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{2,39}");
    static final Pattern PLZ = Pattern.compile("[0-9]{5}");

    final Pattern kassenzeichen;
    final String kassenzeichenMessage;
    final Pattern forbidden;
    final String forbiddenMessage;
    final int maxTextLength;
    final String tooLongMessage;
    final String decimalsMessage;
    final BigDecimal amountLimit;
    final String amountLimitMessage;
    final boolean yearOfBirthChecked;
    final boolean organisationNeedsPlz;
    final boolean faelligSeitNeeded;

    private DebtorRules(Pattern kassenzeichen, String kassenzeichenMessage, Pattern forbidden, String forbiddenMessage,
            int maxTextLength, String tooLongMessage, String decimalsMessage, BigDecimal amountLimit,
            String amountLimitMessage, boolean yearOfBirthChecked, boolean organisationNeedsPlz, boolean faelligSeitNeeded) {
        this.kassenzeichen = kassenzeichen;
        this.kassenzeichenMessage = kassenzeichenMessage;
        this.forbidden = forbidden;
        this.forbiddenMessage = forbiddenMessage;
        this.maxTextLength = maxTextLength;
        this.tooLongMessage = tooLongMessage;
        this.decimalsMessage = decimalsMessage;
        this.amountLimit = amountLimit;
        this.amountLimitMessage = amountLimitMessage;
        this.yearOfBirthChecked = yearOfBirthChecked;
        this.organisationNeedsPlz = organisationNeedsPlz;
        this.faelligSeitNeeded = faelligSeitNeeded;
    }

    /**
     * Name and creditor needed (white space collapsed, no length limit), amount positive with at most two
     * decimals, Kassenzeichen as {@link #KASSENZEICHEN}, due date needed; no PLZ needed.
     */
    public static DebtorRules standard() {
        return new DebtorRules(KASSENZEICHEN, "kassenzeichen is 3 to 40 letters, digits, '-', '/' or '.'", null, null,
                0, null, "amount has at most two decimals", null, null, false, false, true);
    }

    /** Kassenzeichen must match {@code pattern}; refused with {@code message}. */
    public DebtorRules withKassenzeichen(Pattern pattern, String message) {
        return new DebtorRules(pattern, message, forbidden, forbiddenMessage, maxTextLength, tooLongMessage,
                decimalsMessage, amountLimit, amountLimitMessage, yearOfBirthChecked, organisationNeedsPlz,
                faelligSeitNeeded);
    }

    /**
     * Name and creditor must not contain what {@code pattern} finds (checked before white space is
     * collapsed); refused with the field's name followed by {@code messageAfterField}.
     */
    public DebtorRules withForbiddenInText(Pattern pattern, String messageAfterField) {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, pattern, messageAfterField, maxTextLength,
                tooLongMessage, decimalsMessage, amountLimit, amountLimitMessage, yearOfBirthChecked,
                organisationNeedsPlz, faelligSeitNeeded);
    }

    /** Name and creditor have at most {@code max} characters; refused with the field's name and {@code messageAfterField}. */
    public DebtorRules withMaxTextLength(int max, String messageAfterField) {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, forbidden, forbiddenMessage, max, messageAfterField,
                decimalsMessage, amountLimit, amountLimitMessage, yearOfBirthChecked, organisationNeedsPlz,
                faelligSeitNeeded);
    }

    /** How an amount with more than two decimals is refused. */
    public DebtorRules withDecimalsMessage(String message) {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, forbidden, forbiddenMessage, maxTextLength,
                tooLongMessage, message, amountLimit, amountLimitMessage, yearOfBirthChecked, organisationNeedsPlz,
                faelligSeitNeeded);
    }

    /** An amount of {@code limit} or more is refused with {@code message}. */
    public DebtorRules withAmountBelow(BigDecimal limit, String message) {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, forbidden, forbiddenMessage, maxTextLength,
                tooLongMessage, decimalsMessage, limit, message, yearOfBirthChecked, organisationNeedsPlz,
                faelligSeitNeeded);
    }

    /** A date of birth is in the years 1900 to 2999. */
    public DebtorRules withYearOfBirthChecked() {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, forbidden, forbiddenMessage, maxTextLength,
                tooLongMessage, decimalsMessage, amountLimit, amountLimitMessage, true, organisationNeedsPlz,
                faelligSeitNeeded);
    }

    /** A debtor without date of birth (an organisation) needs the PLZ, which then identifies it. */
    public DebtorRules withPlzForOrganisations() {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, forbidden, forbiddenMessage, maxTextLength,
                tooLongMessage, decimalsMessage, amountLimit, amountLimitMessage, yearOfBirthChecked, true,
                faelligSeitNeeded);
    }

    /** The Land records no due date: it may be {@code null}. */
    public DebtorRules withoutFaelligSeit() {
        return new DebtorRules(kassenzeichen, kassenzeichenMessage, forbidden, forbiddenMessage, maxTextLength,
                tooLongMessage, decimalsMessage, amountLimit, amountLimitMessage, yearOfBirthChecked,
                organisationNeedsPlz, false);
    }
}

package org.openikfz.simulator.gebuehren.ni.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.openikfz.simulator.support.DebtorRules;

/**
 * A debtor of the simulated Land Niedersachsen (see {@link org.openikfz.simulator.support.Debtor}): no due
 * date; an organisation (no date of birth) is identified by its PLZ; name and creditor must fit the export
 * format, which has no quoting (no {@code ;}, {@code "} or control characters, at most 200 characters).
 */
final class Debtor extends org.openikfz.simulator.support.Debtor {

    /** What a field of the export cannot hold: the separator, quotes (the format has no quoting), line breaks. */
    private static final Pattern UNREPRESENTABLE = Pattern.compile("[;\"\\p{Cntrl}]");

    static final DebtorRules RULES = DebtorRules.standard()
            .withForbiddenInText(UNREPRESENTABLE, " must not contain ';', '\"' or control characters")
            .withMaxTextLength(200, " is at most 200 characters")
            .withAmountBelow(new BigDecimal("1000000000"), "amount is too large")
            .withYearOfBirthChecked()
            .withPlzForOrganisations()
            .withoutFaelligSeit();

    /**
     * @param name          the debtor's name (person or organisation)
     * @param dateOfBirth   date of birth of a natural person, or {@code null} for an organisation
     * @param plz           the Postleitzahl, or {@code null}; needed without a date of birth, since then it identifies
     * @param amount        the amount owed in euro, positive, with cents
     * @param kassenzeichen the cash office's reference that the payment must quote
     * @param glaeubiger    the creditor (authority and its cash office)
     */
    Debtor(String name, LocalDate dateOfBirth, String plz, BigDecimal amount, String kassenzeichen, String glaeubiger) {
        super(RULES, name, dateOfBirth, plz, amount, kassenzeichen, glaeubiger, null);
    }
}

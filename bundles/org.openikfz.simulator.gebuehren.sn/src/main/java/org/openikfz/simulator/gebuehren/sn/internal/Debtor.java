package org.openikfz.simulator.gebuehren.sn.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.openikfz.simulator.support.DebtorRules;

/**
 * One unpaid fee the simulated Land Sachsen records (see {@link org.openikfz.simulator.support.Debtor}):
 * Kassenzeichen of 1 to 40 characters, name and creditor of at most 200, amounts below ten million euro.
 */
final class Debtor extends org.openikfz.simulator.support.Debtor {

    static final DebtorRules RULES = DebtorRules.standard()
            .withKassenzeichen(Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}"),
                    "kassenzeichen: 1 to 40 letters, digits, '.', '/' or '-'")
            .withMaxTextLength(200, " is longer than 200 characters")
            .withDecimalsMessage("amount has at most two decimals (cent)")
            .withAmountBelow(new BigDecimal("10000000"), "amount is implausibly high");

    Debtor(String name, LocalDate dateOfBirth, BigDecimal amount, String kassenzeichen, String glaeubiger,
            LocalDate faelligSeit) {
        super(RULES, name, dateOfBirth, null, amount, kassenzeichen, glaeubiger, faelligSeit);
    }
}

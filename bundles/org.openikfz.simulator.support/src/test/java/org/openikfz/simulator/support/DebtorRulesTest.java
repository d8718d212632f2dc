package org.openikfz.simulator.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Land's variations of what a debtor is, with their exact refusals (they reach the admin APIs' 422 answers). */
class DebtorRulesTest {

    static final LocalDate BORN = LocalDate.of(1970, 1, 1);
    static final LocalDate DUE = LocalDate.of(2025, 1, 1);

    static String refusal(DebtorRules rules, String name, LocalDate born, String plz, String amount, String kassenzeichen,
            String glaeubiger, LocalDate due) {
        return assertThrows(IllegalArgumentException.class, () -> new Debtor(rules, name, born, plz,
                amount == null ? null : new BigDecimal(amount), kassenzeichen, glaeubiger, due)).getMessage();
    }

    @Test
    void theStandardRules() {
        DebtorRules r = DebtorRules.standard();
        assertEquals("name is needed", refusal(r, " ", BORN, null, "1", "BY-1", "K", DUE));
        assertEquals("amount must be positive", refusal(r, "A", BORN, null, "-1", "BY-1", "K", DUE));
        assertEquals("amount has at most two decimals", refusal(r, "A", BORN, null, "1.001", "BY-1", "K", DUE));
        assertEquals("kassenzeichen is 3 to 40 letters, digits, '-', '/' or '.'", refusal(r, "A", BORN, null, "1", "B1", "K", DUE));
        assertEquals("glaeubiger is needed", refusal(r, "A", BORN, null, "1", "BY-1", "", DUE));
        assertEquals("faelligSeit is needed", refusal(r, "A", BORN, null, "1", "BY-1", "K", null));
        assertEquals("plz is five digits", refusal(r, "A", BORN, "123", "1", "BY-1", "K", DUE));
        Debtor d = new Debtor(r, "  A \t B ", null, " ", new BigDecimal("1.5"), " BY-1 ", " K  K ", DUE);
        assertEquals("A B", d.name());
        assertEquals(null, d.plz());
        assertEquals("1.50", d.amount().toPlainString());
        assertEquals("BY-1", d.kassenzeichen());
        assertEquals("K K", d.glaeubiger());
        assertEquals(true, d.organisation());
        assertEquals("x".repeat(300), new Debtor(r, "x".repeat(300), null, null, BigDecimal.ONE, "BY-1", "K", DUE).name());
    }

    @Test
    void aLandsOwnKassenzeichenLengthDecimalsAndAmountLimit() {
        DebtorRules r = DebtorRules.standard()
                .withKassenzeichen(Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}"), "kassenzeichen: 1 to 40")
                .withMaxTextLength(200, " is longer than 200 characters")
                .withDecimalsMessage("amount has at most two decimals (cent)")
                .withAmountBelow(new BigDecimal("10000000"), "amount is implausibly high");
        assertEquals("S", new Debtor(r, "A", BORN, null, BigDecimal.ONE, "S", "K", DUE).kassenzeichen());
        assertEquals("kassenzeichen: 1 to 40", refusal(r, "A", BORN, null, "1", "a b", "K", DUE));
        assertEquals("name is longer than 200 characters", refusal(r, "x".repeat(201), BORN, null, "1", "S", "K", DUE));
        assertEquals("glaeubiger is longer than 200 characters", refusal(r, "A", BORN, null, "1", "S", "x".repeat(201), DUE));
        assertEquals("amount has at most two decimals (cent)", refusal(r, "A", BORN, null, "1.001", "S", "K", DUE));
        assertEquals("amount is implausibly high", refusal(r, "A", BORN, null, "10000000", "S", "K", DUE));
        new Debtor(r, "A", BORN, null, new BigDecimal("9999999.99"), "S", "K", DUE);
    }

    @Test
    void aLandWithPlzForbiddenCharactersAndNoDueDate() {
        DebtorRules r = DebtorRules.standard()
                .withForbiddenInText(Pattern.compile("[;\"\\p{Cntrl}]"), " must not contain ';', '\"' or control characters")
                .withMaxTextLength(200, " is at most 200 characters")
                .withAmountBelow(new BigDecimal("1000000000"), "amount is too large")
                .withYearOfBirthChecked().withPlzForOrganisations().withoutFaelligSeit();
        assertEquals("name must not contain ';', '\"' or control characters", refusal(r, "A;B", BORN, null, "1", "NI-1", "K", null));
        assertEquals("name must not contain ';', '\"' or control characters", refusal(r, "A\nB", BORN, null, "1", "NI-1", "K", null));
        assertEquals("glaeubiger is at most 200 characters", refusal(r, "A", BORN, null, "1", "NI-1", "x".repeat(201), null));
        assertEquals("dateOfBirth is out of range", refusal(r, "A", LocalDate.of(1899, 12, 31), null, "1", "NI-1", "K", null));
        assertEquals("an organisation (no dateOfBirth) needs its plz", refusal(r, "A GmbH", null, " ", "1", "NI-1", "K", null));
        assertEquals("amount is too large", refusal(r, "A", BORN, null, "1000000000", "NI-1", "K", null));
        assertEquals("amount is too large", refusal(r, "A", BORN, null, "1E+9", "NI-1", "K", null));
        Debtor d = new Debtor(r, "A GmbH", null, " 30159 ", new BigDecimal("999999999.99"), "NI-1", "K", null);
        assertEquals("30159", d.plz());
        assertEquals(null, d.faelligSeit());
    }
}

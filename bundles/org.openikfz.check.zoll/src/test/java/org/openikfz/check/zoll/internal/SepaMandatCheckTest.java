package org.openikfz.check.zoll.internal;

import org.openikfz.api.dialog.SharedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.ZollConnector;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;

/** FZV Anlage 11 Nr. 5: the SEPA mandate for the Kfz-Steuer verified by the Zoll; the IBAN only masked. */
class SepaMandatCheckTest {

    private static final String IBAN = "DE89370400440532013000";
    private static final String IBAN_TYPED = "de89 3704 0044 0532 0130 00";

    private final FakeZoll zoll = new FakeZoll();

    private SepaMandatCheck check() {
        SepaMandatCheck check = new SepaMandatCheck();
        check.setZoll(zoll);
        return check;
    }

    private static FakeContext context() {
        return FakeContext.with(
                        Field.required("umzug", FieldType.YES_NO, LocalizedText.german("Umzug im Bezirk"), null),
                        Field.builder("iban", FieldType.IBAN, LocalizedText.german("IBAN"))
                                .visibleWhen(Condition.when("umzug", "false"))
                                .build(),
                        Field.builder(SharedFields.SEPA_KONTOINHABER, FieldType.TEXT, LocalizedText.german("Kontoinhaber"))
                                .visibleWhen(Condition.when("umzug", "false"))
                                .build())
                .answer("umzug", "false").answer("iban", IBAN_TYPED).answer(SharedFields.SEPA_KONTOINHABER, " Erika Mustermann ")
                .applicant(FakeContext.ERIKA);
    }

    @Test
    void anAcceptedMandateIsClearWithTheReferenceAndTheMaskedIban() {
        SepaMandatCheck check = check();
        assertEquals(CheckId.SEPA_MANDAT, check.id());
        Map<String, String> facts = assertInstanceOf(CheckResult.Clear.class, check.check(context())).facts();
        assertEquals("KFZ-ERZ-0001", facts.get(Facts.SEPA_MANDATE_REFERENCE.name()));
        assertEquals("DE89 **** **** **** **30 00", facts.get(Facts.SEPA_IBAN_MASKED.name()));
        assertEquals("Erika Mustermann", facts.get(Facts.SEPA_ACCOUNT_HOLDER.name()));
        assertNoIban(facts.values().toString());
        assertEquals(IBAN, zoll.askedIban.value());
        assertEquals("Erika Mustermann", zoll.askedAccountHolder);
        assertSame(FakeContext.ERIKA.person(), zoll.askedHolder, "the taxpayer is the identified applicant");
    }

    @Test
    void aRefusedMandateOpposesOnTheIban() {
        zoll.mandate = ZollConnector.refused();
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(context())).findings().get(0);
        assertEquals("iban", finding.fieldId());
        String german = finding.message().get(Locale.GERMAN);
        assertTrue(german.contains("IBAN") && german.contains("Kontoinhaber"), german);
        assertNoIban(german);
        assertNoIban(finding.message().get(Locale.ENGLISH));
    }

    @Test
    void noMandateNeededIsClearWithoutFacts() {
        CheckResult result = check().check(context().answer("umzug", "true"));
        assertTrue(assertInstanceOf(CheckResult.Clear.class, result).facts().isEmpty());
    }

    @Test
    void withoutIdentifiedTaxpayerItFails() {
        assertInstanceOf(CheckResult.Failed.class, check().check(context().applicant(null)));
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenZollFailsWithoutTheIban() {
        assertTrue(assertInstanceOf(CheckResult.Failed.class, new SepaMandatCheck().check(context())).reason().contains("no connector"));
        zoll.failure = new ConnectorUnavailableException("timeout");
        assertNoIban(assertInstanceOf(CheckResult.Failed.class, check().check(context())).reason());
        zoll.failure = new IllegalStateException("cannot debit " + IBAN);
        assertNoIban(assertInstanceOf(CheckResult.Failed.class, check().check(context())).reason());
        zoll.failure = null;
        zoll.mandate = null;
        assertInstanceOf(CheckResult.Failed.class, check().check(context()));
        zoll.mandate = new ZollConnector.Mandate(true, null);
        assertInstanceOf(CheckResult.Failed.class, check().check(context()), "no reference, no confirmation");
    }

    private static void assertNoIban(String text) {
        assertFalse(text.contains(IBAN), text);
        assertFalse(text.replace(" ", "").contains(IBAN), text);
        assertFalse(text.contains("0532"), text);
    }
}

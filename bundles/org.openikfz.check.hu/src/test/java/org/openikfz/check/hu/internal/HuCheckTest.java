package org.openikfz.check.hu.internal;

import org.openikfz.api.dialog.SharedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.procedure.support.Registration;
import org.openikfz.api.text.LocalizedText;

/** FZV § 22, Anlage 10: the next HU proven by the register or by the Prüfziffer of the last HU report. */
class HuCheckTest {

    private static final String FIN = "WVWZZZ1JZXW000001";

    /** The KBA side: computes "A7" for the one HU report it knows. */
    private static final class FakeKba implements org.openikfz.api.connector.HuPruefzifferConnector {
        Exception failure;
        String askedFin;

        @Override
        public String pruefziffer(org.openikfz.api.value.Fin fin, LocalDate lastHu, YearMonth nextHu, String organisation)
                throws ConnectorUnavailableException {
            askedFin = fin.value();
            if (failure instanceof ConnectorUnavailableException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            boolean known = lastHu.equals(LocalDate.of(2025, 4, 10)) && nextHu.equals(YearMonth.of(2027, 4)) && organisation.equals("DEKRA");
            return known ? "A7" : "Q3";
        }
    }

    private final FakeKba kba = new FakeKba();

    private HuCheck check() {
        HuCheck check = new HuCheck();
        check.setKba(kba);
        return check;
    }

    private static FakeContext context() {
        return FakeContext.with(
                        Field.builder("fin", FieldType.FIN, LocalizedText.german("FIN"))
                                .optional()
                                .build(),
                        Field.required(SharedFields.HU_NAECHSTE, FieldType.MONTH, LocalizedText.german("Nächste HU"), null),
                        Field.builder(SharedFields.HU_PRUEFZIFFER, FieldType.TEXT, LocalizedText.german("Prüfziffer"))
                                .optional()
                                .build(),
                        Field.builder(SharedFields.HU_DATUM, FieldType.DATE, LocalizedText.german("Datum der HU"))
                                .optional()
                                .build(),
                        Field.builder(SharedFields.HU_STELLE, FieldType.CHOICE, LocalizedText.german("Prüfstelle"))
                                .optional()
                                .choices(Registration.HU_STELLEN)
                                .build())
                .answer(SharedFields.HU_NAECHSTE, "2027-04")
                .fact(Facts.ZFZR_REGISTERED, false).fact(Facts.ZFZR_FIN, FIN)
                .today(LocalDate.of(2026, 12, 2));
    }

    private static FakeContext withReport(String pruefziffer) {
        return context().answer(SharedFields.HU_PRUEFZIFFER, pruefziffer).answer(SharedFields.HU_DATUM, "2025-04-10")
                .answer(SharedFields.HU_STELLE, "DEKRA");
    }

    @Test
    void theRegistersNextHuProvesIt() {
        HuCheck check = new HuCheck(); // no connector needed
        assertEquals(CheckId.HU_NACHWEIS, check.id());
        CheckResult result = check.check(context().fact(Facts.ZFZR_NEXT_HU, java.time.YearMonth.parse("2027-04")));
        assertEquals(Map.of(Facts.HU_PROOF.name(), "register", Facts.HU_NEXT.name(), "2027-04"),
                assertInstanceOf(CheckResult.Clear.class, result).facts());
    }

    @Test
    void anOverdueHuOpposesEvenWhenTheRegisterKnowsIt() {
        FakeContext overdue = context().answer(SharedFields.HU_NAECHSTE, "2026-11").fact(Facts.ZFZR_NEXT_HU, java.time.YearMonth.parse("2026-11"));
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(overdue)).findings().get(0);
        assertEquals(SharedFields.HU_NAECHSTE, finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains("überfällig"));
        // due this month is not overdue
        assertInstanceOf(CheckResult.Clear.class, check().check(context().answer(SharedFields.HU_NAECHSTE, "2026-12")
                .fact(Facts.ZFZR_NEXT_HU, java.time.YearMonth.parse("2026-12"))));
    }

    @Test
    void aMatchingPruefzifferProvesIt() {
        CheckResult result = check().check(withReport(" a7 ").fact(Facts.ZFZR_NEXT_HU, java.time.YearMonth.parse("2026-12")));
        assertEquals(Map.of(Facts.HU_PROOF.name(), "pruefziffer", Facts.HU_NEXT.name(), "2027-04"),
                assertInstanceOf(CheckResult.Clear.class, result).facts());
        assertEquals(FIN, kba.askedFin, "the register's FIN when none is entered");
        assertInstanceOf(CheckResult.Clear.class, check().check(withReport("A7").answer("fin", "WDB1240221A000002")));
        assertEquals("WDB1240221A000002", kba.askedFin, "the entered FIN first");
    }

    @Test
    void aWrongPruefzifferOpposesOnIt() {
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(withReport("B1"))).findings().get(0);
        assertEquals(SharedFields.HU_PRUEFZIFFER, finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains("Prüfziffer"));
    }

    @Test
    void aPruefzifferNeedsTheDateAndTheOrganisation() {
        CheckResult result = check().check(context().answer(SharedFields.HU_PRUEFZIFFER, "A7"));
        Set<String> fields = assertInstanceOf(CheckResult.Opposed.class, result).findings().stream()
                .map(Finding::fieldId).collect(Collectors.toSet());
        assertEquals(Set.of(SharedFields.HU_DATUM, SharedFields.HU_STELLE), fields);
        CheckResult noStelle = check().check(context().answer(SharedFields.HU_PRUEFZIFFER, "A7").answer(SharedFields.HU_DATUM, "2025-04-10"));
        assertEquals(SharedFields.HU_STELLE, assertInstanceOf(CheckResult.Opposed.class, noStelle).findings().get(0).fieldId());
    }

    @Test
    void withoutAnyFinThePruefzifferCannotBeVerified() {
        FakeContext context = withReport("A7");
        FakeContext noFin = new FakeContext(context.description(), context.answers(), Map.of(Facts.ZFZR_REGISTERED.name(), "false"),
                context.applicant(), context.today(), context.authority(), context.application(), context.land());
        assertInstanceOf(CheckResult.Failed.class, check().check(noFin));
    }

    @Test
    void anotherRegisterDateWithoutPruefzifferAsksForTheReport() {
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(context().fact(Facts.ZFZR_NEXT_HU, java.time.YearMonth.parse("2026-12"))))
                .findings().get(0);
        assertEquals(SharedFields.HU_PRUEFZIFFER, finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains("Bericht der letzten HU"));
        // the register has no HU date at all
        assertInstanceOf(CheckResult.Opposed.class, check().check(context()));
    }

    @Test
    void withoutRegisterDataAndPruefzifferItFails() {
        FakeContext context = context();
        FakeContext noRegister = new FakeContext(context.description(), context.answers(), Map.of(), context.applicant(),
                context.today(), context.authority(), context.application(), context.land());
        assertInstanceOf(CheckResult.Failed.class, check().check(noRegister));
    }

    @Test
    void noHuAskedIsClearWithoutFacts() {
        FakeContext none = FakeContext.with(Field.required("x", FieldType.TEXT, LocalizedText.german("X"), null)).answer("x", "y");
        assertTrue(assertInstanceOf(CheckResult.Clear.class, check().check(none)).facts().isEmpty());
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenKbaFails() {
        assertTrue(assertInstanceOf(CheckResult.Failed.class, new HuCheck().check(withReport("A7"))).reason().contains("no connector"));
        kba.failure = new ConnectorUnavailableException("timeout");
        assertInstanceOf(CheckResult.Failed.class, check().check(withReport("A7")));
        kba.failure = new IllegalStateException("boom");
        String reason = assertInstanceOf(CheckResult.Failed.class, check().check(withReport("A7"))).reason();
        assertTrue(!reason.contains(FIN), reason);
    }
}

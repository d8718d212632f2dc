package org.openikfz.check.rueckstand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Land;
import org.openikfz.testing.check.FakeContext;

/** FZV Anlage 11 Nr. 6, § 13(2) KraftStG: no registration while vehicle-tax arrears are recorded. */
class KfzSteuerRueckstandCheckTest {

    private final FakeArrears zoll = new FakeArrears();

    private KfzSteuerRueckstandCheck check() {
        KfzSteuerRueckstandCheck check = new KfzSteuerRueckstandCheck();
        check.bindConnector(zoll, FakeArrears.properties("kfz-steuer", null, 0, 1));
        return check;
    }

    private static FakeContext context() {
        return FakeContext.with().applicant(FakeContext.ERIKA);
    }

    @Test
    void noArrearsIsClearAndTheIdentifiedHolderIsAsked() {
        assertEquals(CheckId.KFZ_STEUER_RUECKSTAND, check().id());
        assertInstanceOf(CheckResult.Clear.class, check().check(context()));
        assertSame(FakeContext.ERIKA.person(), zoll.asked.holder());
        assertEquals(FakeContext.APPLICATION, zoll.asked.application());
        assertEquals("ERZ", zoll.asked.authority());
    }

    @Test
    void theZollIsFederalAndAnsweredForEveryLand() {
        assertInstanceOf(CheckResult.Clear.class, check().check(context().land(Land.HB)));
        assertEquals(Land.HB, zoll.asked.land());
    }

    @Test
    void arrearsOpposeWithoutAFieldAndSayHowToSettle() {
        zoll.answer = ArrearsAnswer.found(LocalizedText.of("Bitte zahlen Sie beim Hauptzollamt Dresden.",
                "Please pay the main customs office Dresden."), new BigDecimal("182.00"), "KS-4711");
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(context())).findings().get(0);
        assertNull(finding.fieldId());
        String german = finding.message().get(Locale.GERMAN);
        assertTrue(german.contains("§ 13 Abs. 2 Kraftfahrzeugsteuergesetz"), german);
        assertTrue(german.contains("eingetragen, zusammen 182,00 € (Kassenzeichen KS-4711). Solange"), german);
        assertTrue(german.endsWith("Bitte zahlen Sie beim Hauptzollamt Dresden."), german);
        assertTrue(finding.message().get(Locale.ENGLISH).contains("customs office Dresden"));
    }

    @Test
    void withoutIdentifiedApplicantItFails() {
        assertInstanceOf(CheckResult.Failed.class, check().check(FakeContext.with()));
        assertNull(zoll.asked);
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenZollFails() {
        assertTrue(assertInstanceOf(CheckResult.Failed.class, new KfzSteuerRueckstandCheck().check(context())).reason().contains("no connector"));
        zoll.failure = new ConnectorUnavailableException("timeout");
        assertTrue(assertInstanceOf(CheckResult.Failed.class, check().check(context())).reason().contains("timeout"));
        zoll.failure = new IllegalStateException("boom for Erika Mustermann");
        String reason = assertInstanceOf(CheckResult.Failed.class, check().check(context())).reason();
        assertFalse(reason.contains("Erika"), reason);
    }

    @Test
    void anUnboundConnectorIsNoLongerAsked() {
        KfzSteuerRueckstandCheck check = check();
        check.unbindConnector(zoll);
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        assertNull(zoll.asked);
    }
}

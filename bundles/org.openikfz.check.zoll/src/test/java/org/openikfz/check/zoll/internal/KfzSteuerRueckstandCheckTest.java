package org.openikfz.check.zoll.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;

/** FZV Anlage 11 Nr. 6, § 13(2) KraftStG: no registration while vehicle-tax arrears are recorded. */
class KfzSteuerRueckstandCheckTest {

    private final FakeZoll zoll = new FakeZoll();

    private KfzSteuerRueckstandCheck check() {
        KfzSteuerRueckstandCheck check = new KfzSteuerRueckstandCheck();
        check.setZoll(zoll);
        return check;
    }

    private static FakeContext context() {
        return FakeContext.with().applicant(FakeContext.ERIKA);
    }

    @Test
    void noArrearsIsClear() {
        assertEquals(CheckId.KFZ_STEUER_RUECKSTAND, check().id());
        assertInstanceOf(CheckResult.Clear.class, check().check(context()));
        assertSame(FakeContext.ERIKA.person(), zoll.askedHolder);
    }

    @Test
    void arrearsOpposeWithoutAField() {
        zoll.arrears = true;
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, check().check(context())).findings().get(0);
        assertNull(finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains("Hauptzollamt"));
        assertTrue(finding.message().get(Locale.ENGLISH).contains("customs"));
    }

    @Test
    void withoutIdentifiedApplicantItFails() {
        assertInstanceOf(CheckResult.Failed.class, check().check(FakeContext.with()));
        assertNull(zoll.askedHolder);
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenZollFails() {
        assertTrue(assertInstanceOf(CheckResult.Failed.class, new KfzSteuerRueckstandCheck().check(context())).reason().contains("no connector"));
        zoll.failure = new ConnectorUnavailableException("timeout");
        assertInstanceOf(CheckResult.Failed.class, check().check(context()));
        zoll.failure = new IllegalStateException("boom for Erika Mustermann");
        String reason = assertInstanceOf(CheckResult.Failed.class, check().check(context())).reason();
        assertTrue(!reason.contains("Erika"), reason);
    }
}

package org.openikfz.check.rueckstand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Land;
import org.openikfz.testing.check.FakeContext;

/** FZV Anlage 11 Nr. 8, § 6a(8) StVG: the Land's fee-arrears check, chosen by the authority's Land. */
class GebuehrenRueckstandCheckTest {

    private final FakeArrears sachsen = new FakeArrears();
    private final FakeArrears bayern = new FakeArrears();

    private static GebuehrenRueckstandCheck.Config provided(boolean provided) {
        return new GebuehrenRueckstandCheck.Config() {
            @Override
            public boolean landLawProvidesCheck() {
                return provided;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return GebuehrenRueckstandCheck.Config.class;
            }
        };
    }

    private GebuehrenRueckstandCheck check() {
        GebuehrenRueckstandCheck check = new GebuehrenRueckstandCheck(provided(true));
        check.bindConnector(sachsen, FakeArrears.properties("gebuehren", "SN", 0, 11));
        check.bindConnector(bayern, FakeArrears.properties("gebuehren", "BY", 0, 12));
        return check;
    }

    private static FakeContext context(Land land) {
        return FakeContext.with().applicant(FakeContext.ERIKA).land(land);
    }

    @Test
    void theConnectorOfTheAuthoritysLandIsAsked() {
        assertEquals(CheckId.GEBUEHREN_RUECKSTAND, check().id());
        assertInstanceOf(CheckResult.Clear.class, check().check(context(Land.BY)));
        assertSame(FakeContext.ERIKA.person(), bayern.asked.holder());
        assertNull(sachsen.asked);
    }

    @Test
    void withoutAConnectorForTheLandTheClerksDecide() {
        String reason = assertInstanceOf(CheckResult.Failed.class, check().check(context(Land.NW))).reason();
        assertTrue(reason.contains("no connector") && reason.contains("NW"), reason);
        assertNull(sachsen.asked);
        assertNull(bayern.asked);
    }

    @Test
    void theHigherRankingConnectorOfALandWins() {
        GebuehrenRueckstandCheck check = check();
        FakeArrears newer = new FakeArrears();
        check.bindConnector(newer, FakeArrears.properties("gebuehren", "SN", 10, 13));
        check.check(context(Land.SN));
        assertTrue(newer.asked != null && sachsen.asked == null);
        check.unbindConnector(newer);
        check.check(context(Land.SN));
        assertTrue(sachsen.asked != null);
    }

    @Test
    void arrearsOpposeNamingTheLandAndHowToSettle() {
        sachsen.answer = ArrearsAnswer.found(LocalizedText.of("Überweisen Sie an die Kreiskasse.", "Transfer to the district cash office."),
                null, null);
        String german = assertInstanceOf(CheckResult.Opposed.class, check().check(context(Land.SN))).findings().get(0)
                .message().get(Locale.GERMAN);
        assertTrue(german.contains("in Sachsen vermerkt.") && german.contains("§ 6a Abs. 8") && german.endsWith("Kreiskasse."), german);
    }

    @Test
    void anUnavailableLandSystemFailsTheCheck() {
        sachsen.failure = new ConnectorUnavailableException("Gebührenrückstand Sachsen: no answer within 5000 ms");
        String reason = assertInstanceOf(CheckResult.Failed.class, check().check(context(Land.SN))).reason();
        assertTrue(reason.contains("5000 ms"), reason);
    }

    @Test
    void whereLandLawProvidesNoCheckNoConnectorIsAsked() {
        GebuehrenRueckstandCheck check = new GebuehrenRueckstandCheck(provided(false));
        check.bindConnector(sachsen, FakeArrears.properties("gebuehren", "SN", 0, 11));
        assertInstanceOf(CheckResult.Clear.class, check.check(context(Land.SN)));
        assertNull(sachsen.asked);
    }
}

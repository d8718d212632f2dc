package org.openikfz.check.kbareferenz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openikfz.testing.check.FakeContext;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.check.Facts;
import org.openikfz.api.check.Finding;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.KbaReferenzConnector.Reference;
import org.openikfz.api.connector.KbaReferenzConnector.Status;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;

/** FZV Anlage 11 Nr. 3: FIN and ZB II code against the KBA reference, registrability from the CoC data. */
class KbaReferenzCheckTest {

    private static final String FIN = "WVWZZZ1JZXW000009";
    private static final String CODE = "Ab3dE7xYz90K";

    private static FakeContext context() {
        return FakeContext.with(
                        Field.required("fin", FieldType.FIN, LocalizedText.german("FIN"), null),
                        Field.required("zb2", FieldType.ZB2_CODE, LocalizedText.german("Code ZB II"), null))
                .answer("fin", FIN).answer("zb2", CODE);
    }

    private static KbaReferenzCheck answering(Reference reference) {
        KbaReferenzCheck check = new KbaReferenzCheck();
        check.setKba((fin, zb2) -> reference);
        return check;
    }

    @Test
    void aRegistrableVehicleIsClearWithItsCocName() {
        KbaReferenzCheck check = new KbaReferenzCheck();
        assertEquals(CheckId.KBA_REFERENZ, check.id());
        check.setKba((fin, zb2) -> {
            assertEquals(FIN, fin.value());
            assertEquals(CODE, zb2.value());
            return new Reference(Status.REGISTRABLE, "VW Golf", null);
        });
        Map<String, String> facts = assertInstanceOf(CheckResult.Clear.class, check.check(context())).facts();
        assertEquals(Map.of(Facts.COC_VEHICLE.name(), "VW Golf"), facts);
    }

    @Test
    void aTechnicalObstacleGoesToTheClerksWithoutTheFin() {
        CheckResult result = answering(new Reference(Status.REGISTRABLE, "VW Golf", "Zulassungssperre (Rückruf)")).check(context());
        String reason = assertInstanceOf(CheckResult.Failed.class, result).reason();
        assertTrue(reason.contains("technical obstacle reported"), reason);
        assertFalse(reason.contains(FIN));
    }

    @Test
    void eachFindingNamesTheFieldToCorrect() {
        assertOpposed(Status.UNKNOWN_FIN, "fin", "keine Daten");
        assertOpposed(Status.ZB2_MISMATCH, "zb2", "Sicherheitscode");
        assertOpposed(Status.NOT_REGISTRABLE, "fin", "Zulassungsbehörde");
        assertOpposed(Status.ALREADY_REGISTERED, "fin", "Wiederzulassung");
    }

    @Test
    void notAskedIsClearWithoutFacts() {
        CheckResult result = new KbaReferenzCheck().check(FakeContext.with(Field.required("x", FieldType.TEXT, LocalizedText.german("X"), null)));
        assertTrue(assertInstanceOf(CheckResult.Clear.class, result).facts().isEmpty());
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenKbaFails() {
        KbaReferenzCheck check = new KbaReferenzCheck();
        assertTrue(assertInstanceOf(CheckResult.Failed.class, check.check(context())).reason().contains("no connector"));
        check.setKba((fin, zb2) -> {
            throw new ConnectorUnavailableException("timeout");
        });
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        check.setKba((fin, zb2) -> {
            throw new IllegalStateException("bad answer for " + CODE);
        });
        String reason = assertInstanceOf(CheckResult.Failed.class, check.check(context())).reason();
        assertFalse(reason.contains(CODE));
        assertFalse(reason.contains(FIN));
    }

    private static void assertOpposed(Status status, String field, String german) {
        CheckResult result = answering(new Reference(status, null, null)).check(context());
        Finding finding = assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0);
        assertEquals(field, finding.fieldId(), status.name());
        assertTrue(finding.message().get(Locale.GERMAN).contains(german), finding.message().get(Locale.GERMAN));
        assertFalse(finding.message().get(Locale.GERMAN).contains(CODE));
        assertFalse(finding.message().get(Locale.ENGLISH).equals(finding.message().get(Locale.GERMAN)));
    }
}

package org.openikfz.check.evb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.openikfz.api.connector.EvbConnector.Confirmation;
import org.openikfz.api.connector.EvbConnector.Status;
import org.openikfz.api.dialog.Condition;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;

/** FZV Anlage 11 Nr. 4: the eVB number against the GDV database. */
class EvbCheckTest {

    private static FakeContext context() {
        return FakeContext.with(
                        Field.required("umzug", FieldType.YES_NO, LocalizedText.german("Umzug im Bezirk"), null),
                        Field.builder("evb", FieldType.EVB, LocalizedText.german("eVB"))
                                .visibleWhen(Condition.when("umzug", "false"))
                                .build())
                .answer("umzug", "false").answer("evb", "a1b2c3d");
    }

    private static EvbCheck answering(Confirmation confirmation) {
        EvbCheck check = new EvbCheck();
        check.setGdv(evb -> confirmation);
        return check;
    }

    @Test
    void aValidEvbIsClearWithTheInsurer() {
        EvbCheck check = new EvbCheck();
        assertEquals(CheckId.EVB, check.id());
        check.setGdv(evb -> {
            assertEquals("A1B2C3D", evb.value());
            return new Confirmation(Status.VALID, "Muster Versicherung AG", "5312");
        });
        Map<String, String> facts = assertInstanceOf(CheckResult.Clear.class, check.check(context())).facts();
        assertEquals("Muster Versicherung AG", facts.get(Facts.EVB_INSURER.name()));
        assertEquals("5312", facts.get(Facts.EVB_INSURER_NUMBER.name()));
    }

    @Test
    void anUnknownUsedOrExpiredEvbOpposesOnTheEvbField() {
        assertOpposed(Status.UNKNOWN, "nicht bekannt");
        assertOpposed(Status.USED, "schon für eine andere Zulassung");
        assertOpposed(Status.EXPIRED, "nicht mehr gültig");
    }

    @Test
    void noEvbNeededIsClearWithoutFacts() {
        CheckResult result = new EvbCheck().check(context().answer("umzug", "true"));
        assertTrue(assertInstanceOf(CheckResult.Clear.class, result).facts().isEmpty());
    }

    @Test
    void noConnectorOrAnUnreachableOrBrokenDatabaseFails() {
        EvbCheck check = new EvbCheck();
        assertTrue(assertInstanceOf(CheckResult.Failed.class, check.check(context())).reason().contains("no connector"));
        check.setGdv(evb -> {
            throw new ConnectorUnavailableException("timeout");
        });
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        check.setGdv(evb -> {
            throw new IllegalStateException("boom");
        });
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        check.setGdv(evb -> null);
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
    }

    private static void assertOpposed(Status status, String german) {
        Finding finding = assertInstanceOf(CheckResult.Opposed.class,
                answering(new Confirmation(status, null, null)).check(context())).findings().get(0);
        assertEquals("evb", finding.fieldId());
        assertTrue(finding.message().get(Locale.GERMAN).contains(german), finding.message().get(Locale.GERMAN));
        assertTrue(finding.message().get(Locale.GERMAN).contains("Versicherung"));
        assertFalse(finding.message().get(Locale.ENGLISH).equals(finding.message().get(Locale.GERMAN)));
    }
}

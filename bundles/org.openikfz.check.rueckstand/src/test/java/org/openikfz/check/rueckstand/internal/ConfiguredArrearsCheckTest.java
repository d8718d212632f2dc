package org.openikfz.check.rueckstand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openikfz.api.arrears.ArrearsAnswer;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.testing.check.FakeContext;

/** A future kind of arrears (the 2019 text's Infrastrukturabgabe) made by configuration alone. */
class ConfiguredArrearsCheckTest {

    private static ConfiguredArrearsCheck.Config config(String kind) {
        return new ConfiguredArrearsCheck.Config() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public boolean perLand() {
                return false;
            }

            @Override
            public String lead_de() {
                return "Bei der Infrastrukturabgabebehörde sind Rückstände für Sie eingetragen{amount}.";
            }

            @Override
            public String lead_en() {
                return "Infrastructure charge arrears are recorded for you{amount}.";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ConfiguredArrearsCheck.Config.class;
            }
        };
    }

    @Test
    void aNewKindIsACheckOfItsOwnAnsweredByConnectorsOfThatKind() {
        ConfiguredArrearsCheck check = new ConfiguredArrearsCheck(config("infrastrukturabgabe"));
        assertEquals(new CheckId("anlage11.infrastrukturabgabe-rueckstand"), check.id());

        FakeArrears gebuehren = new FakeArrears();
        FakeArrears maut = new FakeArrears();
        maut.answer = ArrearsAnswer.found(LocalizedText.of("Zahlen Sie an das Kraftfahrt-Bundesamt.", "Pay the KBA."), null, "IA-1");
        check.bindConnector(gebuehren, FakeArrears.properties("gebuehren", "SN", 0, 1));
        check.bindConnector(maut, FakeArrears.properties("infrastrukturabgabe", null, 0, 2));

        CheckResult result = check.check(FakeContext.with().applicant(FakeContext.ERIKA));
        String german = assertInstanceOf(CheckResult.Opposed.class, result).findings().get(0).message().get(Locale.GERMAN);
        assertTrue(german.startsWith("Bei der Infrastrukturabgabebehörde sind Rückstände für Sie eingetragen (Kassenzeichen IA-1)."), german);
        assertNull(gebuehren.asked, "a connector of another kind is not asked");
    }

    @Test
    void anInvalidKindIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ConfiguredArrearsCheck(config("Infrastruktur Abgabe")));
    }
}

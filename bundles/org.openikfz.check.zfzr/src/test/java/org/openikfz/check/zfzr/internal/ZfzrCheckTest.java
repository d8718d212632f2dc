package org.openikfz.check.zfzr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckContext;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.check.CheckResult;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.Holder;
import org.openikfz.api.connector.VehicleRecord;
import org.openikfz.api.connector.ZfzrConnector;
import org.openikfz.api.connector.ZfzrVerification;
import org.openikfz.api.connector.ZfzrVerification.Part;
import org.openikfz.api.dialog.Answers;
import org.openikfz.api.dialog.Dialog;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.procedure.Applicant;
import org.openikfz.api.procedure.DecisionPolicy;
import org.openikfz.api.procedure.Identification;
import org.openikfz.api.procedure.ProcedureDescription;
import org.openikfz.api.procedure.ProcedureId;
import org.openikfz.api.text.LocalizedText;
import org.openikfz.api.value.Fin;
import org.openikfz.api.value.Kennzeichen;

/** The check finds the answers by field type and keeps opposed (data) apart from failed (system). */
class ZfzrCheckTest {

    private static final ProcedureDescription PROCEDURE = new ProcedureDescription(new ProcedureId("beispiel"),
            LocalizedText.german("Beispiel"), LocalizedText.german("Beispiel"), List.of(), Set.of(Applicant.NATURAL_PERSON),
            Identification.OPTIONAL, new Dialog(List.of(new DialogStep("s", LocalizedText.german("S"), null, List.of(),
                    List.of(Field.required("plate", FieldType.KENNZEICHEN, LocalizedText.german("Kennzeichen"), null),
                            Field.required("code", FieldType.ZB1_CODE, LocalizedText.german("Code"), null)), null))),
            List.of(CheckId.ZFZR), DecisionPolicy.AUTOMATED, List.of(), Set.of());

    private static final VehicleRecord VEHICLE = new VehicleRecord(Kennzeichen.of("ERZ-AB 123"), Fin.of("WVWZZZ1JZXW000001"),
            true, new Holder("Erika Mustermann", null, null, null, null));

    @Test
    void noConnectorOrAnUnreachableRegisterFails() {
        ZfzrCheck check = new ZfzrCheck();
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
        check.setRegister(query -> {
            throw new ConnectorUnavailableException("timeout");
        });
        assertInstanceOf(CheckResult.Failed.class, check.check(context()));
    }

    @Test
    void aWrongCodeOpposesAndNamesTheFieldWithoutTheCode() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(VEHICLE, Set.of(Part.ZB1_CODE)));
        CheckResult.Opposed opposed = assertInstanceOf(CheckResult.Opposed.class, check.check(context()));
        assertEquals("code", opposed.findings().get(0).fieldId());
        assertFalse(opposed.findings().get(0).message().get(Locale.GERMAN).contains("Ab3De4F"));
    }

    @Test
    void anUnknownPlateOpposesAndAMatchIsClear() {
        ZfzrCheck check = new ZfzrCheck();
        check.setRegister(query -> new ZfzrVerification(null, Set.of()));
        assertEquals("plate", assertInstanceOf(CheckResult.Opposed.class, check.check(context())).findings().get(0).fieldId());
        ZfzrConnector matching = query -> new ZfzrVerification(VEHICLE, Set.of());
        check.setRegister(matching);
        assertInstanceOf(CheckResult.Clear.class, check.check(context()));
    }

    private static CheckContext context() {
        Answers answers = new Answers(Map.of("plate", "ERZ-AB 123", "code", "Ab3De4F"));
        return new CheckContext() {
            @Override
            public ProcedureId procedure() {
                return PROCEDURE.id();
            }

            @Override
            public ProcedureDescription description() {
                return PROCEDURE;
            }

            @Override
            public String authority() {
                return "ERZ";
            }

            @Override
            public Answers answers() {
                return answers;
            }
        };
    }
}

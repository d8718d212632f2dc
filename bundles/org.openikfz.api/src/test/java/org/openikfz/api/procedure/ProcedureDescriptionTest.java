package org.openikfz.api.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.check.CheckId;
import org.openikfz.api.dialog.DialogStep;
import org.openikfz.api.dialog.Field;
import org.openikfz.api.dialog.FieldType;
import org.openikfz.api.text.LocalizedText;

/** A description is built, not constructed: what it must name is checked when it is built. */
class ProcedureDescriptionTest {

    private static final DialogStep STEP = DialogStep.builder("fahrzeug", LocalizedText.german("Fahrzeug"))
            .fields(Field.required("kennzeichen", FieldType.KENNZEICHEN, LocalizedText.german("Kennzeichen"), null)).build();

    @Test
    void aDescriptionNamesWhoMayApplyAndWhoDecides() {
        ProcedureDescription.Builder noApplicant = ProcedureDescription.builder(new ProcedureId("beispiel"), LocalizedText.german("Beispiel"))
                .summary(LocalizedText.german("Ein Beispiel.")).steps(STEP).decisionPolicy(DecisionPolicy.AUTOMATED);
        assertTrue(assertThrows(IllegalArgumentException.class, noApplicant::build).getMessage().contains("names no applicant"));
        ProcedureDescription.Builder noPolicy = ProcedureDescription.builder(new ProcedureId("beispiel"), LocalizedText.german("Beispiel"))
                .summary(LocalizedText.german("Ein Beispiel.")).steps(STEP).applicants(Applicant.NATURAL_PERSON);
        assertTrue(assertThrows(NullPointerException.class, noPolicy::build).getMessage().contains("decisionPolicy"));
    }

    @Test
    void whatIsNotSaidHasItsDefaultAndAVariantKeepsTheRest() {
        ProcedureDescription d = ProcedureDescription.builder(new ProcedureId("beispiel"), LocalizedText.german("Beispiel"))
                .summary(LocalizedText.german("Ein Beispiel.")).applicants(Applicant.NATURAL_PERSON).steps(STEP)
                .checks(CheckId.ZFZR).decisionPolicy(DecisionPolicy.AUTOMATED).build();
        assertEquals(Identification.OPTIONAL, d.identification());
        assertEquals(List.of(), d.fees());
        assertEquals(Set.of(), d.outputs());
        assertTrue(STEP.fields().get(0).required(), "a field is required unless it is optional");
        ProcedureDescription identified = d.toBuilder().identification(Identification.REQUIRED).build();
        assertEquals(Identification.REQUIRED, identified.identification());
        assertEquals(List.of(CheckId.ZFZR), identified.checks());
        assertEquals(d.dialog(), identified.dialog());
    }
}

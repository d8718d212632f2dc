package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openikfz.api.procedure.Output;

class LettersTest {

    @Test
    void eachCaseGetsTheLettersTheLawAsksFor() {
        assertEquals(List.of(), Letters.of(false, Set.of(Output.DECISION_DOCUMENT)));
        assertEquals(List.of(Letters.DECISION_PRINTOUT), Letters.of(true, Set.of(Output.DECISION_DOCUMENT)));
        assertEquals(List.of(Letters.REGISTRATION_DOCUMENTS, Letters.NOTICE_TO_PREVIOUS_HOLDER),
                Letters.of(false, Set.of(Output.DOCUMENTS_BY_POST, Output.NOTICE_TO_PREVIOUS_HOLDER)));
        assertEquals(List.of(Letters.DECISION_PRINTOUT, Letters.NOTICE_TO_HOLDER),
                Letters.of(true, Set.of(Output.NOTICE_TO_HOLDER)));
    }

    /** 2019: § 15i(4) S. 1: the letter lists what the procedure says goes by post, the ZB II among it. */
    @Test
    void theRegistrationDocumentsLetterHoldsWhatTheProcedureNames() {
        org.openikfz.api.dialog.Answers none = new org.openikfz.api.dialog.Answers(java.util.Map.of());
        assertEquals(List.of(Letters.REGISTRATION_DOCUMENTS), Letters.of(false, Set.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST)));
        assertEquals(List.of("Zulassungsbescheinigung Teil I", "Zulassungsbescheinigung Teil II", "Plakettenträger mit Stempelplaketten",
                "Plakettenträger mit HU-Prüfplakette"), Letters.contents(org.openikfz.procedure.support.Registration.documentsByPost(true, true),
                none, java.util.Map.of()));
        assertEquals(List.of("Zulassungsbescheinigung Teil I"),
                Letters.contents(org.openikfz.procedure.support.Registration.documentsByPost(false, false), none, java.util.Map.of()));
    }
}

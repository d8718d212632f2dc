package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
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

    @Test
    void monthsAreAcceptedTheWayPeopleWriteThem() {
        assertEquals(YearMonth.of(2027, 4), org.openikfz.core.internal.dialog.DialogRules.month("2027-04"));
        assertEquals(YearMonth.of(2027, 4), org.openikfz.core.internal.dialog.DialogRules.month("04.2027"));
        assertEquals(YearMonth.of(2027, 4), org.openikfz.core.internal.dialog.DialogRules.month("4/2027"));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> org.openikfz.core.internal.dialog.DialogRules.month("13.2027"));
    }

    /** 2019: § 15i(4) S. 1: the letter lists what the procedure says goes by post, the ZB II among it. */
    @Test
    void theRegistrationDocumentsLetterHoldsWhatTheProcedureNames() {
        org.openikfz.api.dialog.Answers none = new org.openikfz.api.dialog.Answers(java.util.Map.of());
        assertEquals(List.of(Letters.REGISTRATION_DOCUMENTS), Letters.of(false, Set.of(Output.ZB1_BY_POST, Output.ZB2_BY_POST)));
        assertEquals(List.of("Zulassungsbescheinigung Teil I", "Zulassungsbescheinigung Teil II", "Plakettenträger mit Stempelplaketten",
                "Plakettenträger mit HU-Prüfplakette"), Letters.contents(org.openikfz.api.procedure.Registration.documentsByPost(true, true),
                none, java.util.Map.of()));
        assertEquals(List.of("Zulassungsbescheinigung Teil I"),
                Letters.contents(org.openikfz.api.procedure.Registration.documentsByPost(false, false), none, java.util.Map.of()));
    }
}

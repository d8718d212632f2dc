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
}

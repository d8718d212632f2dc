package org.openikfz.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Fields of type MONTH: what the dialog lets through to the engine, and how an answer reads back. */
class MonthFieldTest {

    @Test
    void acceptsTheFormsTheEngineAccepts() {
        for (String ok : new String[] {"04.2027", "4.2027", "04/2027", " 4 / 2027 ", "2027-04", "12.2030"}) {
            assertTrue(ProcedureView.isMonth(ok), ok);
        }
        for (String bad : new String[] {"13.2027", "00.2027", "2027-13", "04.27", "April 2027", "042027", "2027-4", ""}) {
            assertFalse(ProcedureView.isMonth(bad), bad);
        }
    }

    @Test
    void showsMonthsAsMonthDotYear() {
        assertEquals("04.2027", ProcedureView.month("2027-04"), "as the engine keeps it");
        assertEquals("04.2027", ProcedureView.month("4/2027"));
        assertEquals("11.2026", ProcedureView.month("11.2026"));
        assertEquals("irgendwann", ProcedureView.month("irgendwann"), "anything else as typed");
    }
}

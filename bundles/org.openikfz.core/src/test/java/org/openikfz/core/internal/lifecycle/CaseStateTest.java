package org.openikfz.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openikfz.api.application.ApplicationState;

class CaseStateTest {

    @Test
    void answersCannotReachAVerifiedApplication() {
        // FZV § 20(4): after a clear verification nothing leads back to the dialog
        for (CaseState s : CaseState.values()) {
            if (s != CaseState.VERIFYING && s != CaseState.DIALOG) {
                assertFalse(s.allows(CaseState.DIALOG), s + " must not lead back to the dialog");
            }
        }
        assertFalse(CaseState.DIALOG.allows(CaseState.AWAITING_PAYMENT), "only a verification leads to the fees");
        assertTrue(CaseState.DIALOG.allows(CaseState.VERIFYING));
        assertTrue(CaseState.VERIFYING.allows(CaseState.AWAITING_PAYMENT));
    }

    @Test
    void aDecisionIsMadeOnlyOnceAndOnlyAfterPayment() {
        // FZV § 20(5): fees before the decision
        for (CaseState s : CaseState.values()) {
            assertEquals(s == CaseState.AWAITING_PAYMENT, s.allows(CaseState.DECIDED), s.name());
        }
        assertFalse(CaseState.DECIDED.allows(CaseState.DECIDED));
        assertFalse(CaseState.CLERK_DECIDED.allows(CaseState.CLERK_DECIDED));
    }

    @Test
    void everyStateButTheTerminalOnesEndsInDeletedDialogData() {
        // FZV § 19(1) S. 6: every way through the lifecycle ends where the dialog data are gone
        for (CaseState s : CaseState.values()) {
            assertTrue(reachesEnd(s, 0), s + " must reach COMPLETED or ABORTED_DELETED");
        }
    }

    @Test
    void aRunningVerificationLooksLikeTheDialogToTheApplicant() {
        assertEquals(ApplicationState.DIALOG, CaseState.VERIFYING.visible());
        assertEquals(ApplicationState.ABORTED, CaseState.of("SOMETHING_A_NEWER_VERSION_WROTE").visible());
    }

    private static boolean reachesEnd(CaseState s, int depth) {
        if (s == CaseState.COMPLETED || s == CaseState.ABORTED_DELETED) {
            return true;
        }
        if (depth > 10) {
            return false;
        }
        for (CaseState next : CaseState.values()) {
            if (s.allows(next) && reachesEnd(next, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}

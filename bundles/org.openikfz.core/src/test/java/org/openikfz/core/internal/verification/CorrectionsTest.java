package org.openikfz.core.internal.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrectionsTest {

    @Test
    void theFirstVerificationIsNoCorrectionThenThreeAreAllowed() {
        // FZV § 20(4): correct at most three times; still opposed after the third correction: aborted
        Corrections.Outcome first = Corrections.afterOpposed(Corrections.ALLOWED, false);
        assertEquals(3, first.left());
        assertFalse(first.abort());
        Corrections.Outcome one = Corrections.afterOpposed(first.left(), true);
        Corrections.Outcome two = Corrections.afterOpposed(one.left(), true);
        assertEquals(2, one.left());
        assertEquals(1, two.left());
        assertFalse(two.abort());
        Corrections.Outcome three = Corrections.afterOpposed(two.left(), true);
        assertEquals(0, three.left());
        assertTrue(three.abort(), "still opposed after the third correction");
    }

    @Test
    void neverBelowZero() {
        assertEquals(0, Corrections.afterOpposed(0, true).left());
        assertTrue(Corrections.afterOpposed(0, true).abort());
    }
}

package org.openikfz.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.core.internal.Races;

class CaseHoldsTest {

    private final CaseHolds holds = new CaseHolds();
    private final UUID application = UUID.randomUUID();

    @Test
    void a_verification_holds_its_application_alone() {
        try (CaseHolds.Held verifying = holds.verification(application)) {
            assertTrue(holds.verifying(application));
            assertEquals(ApplicationException.Reason.WRONG_STATE, assertThrows(ApplicationException.class, () -> holds.verification(application)).reason());
            assertEquals(ApplicationException.Reason.WRONG_STATE, assertThrows(ApplicationException.class, () -> holds.change(application)).reason());
            try (CaseHolds.Held other = holds.change(UUID.randomUUID())) {
                assertFalse(holds.verifying(UUID.randomUUID()), "other applications are not held up");
            }
        }
        assertFalse(holds.verifying(application));
        assertEquals(0, holds.size());
        holds.change(application).close();
    }

    @Test
    void changes_share_their_application_and_keep_verifications_out_until_the_last_is_written() {
        CaseHolds.Held first = holds.change(application);
        CaseHolds.Held second = holds.change(application);
        first.close();
        first.close(); // closing twice gives back one hold, not the other change's
        assertThrows(ApplicationException.class, () -> holds.verification(application), "the second change is still being written");
        second.close();
        holds.verification(application).close();
        assertEquals(0, holds.size());
    }

    // twelve verifications and twelve answers of one application at the same moment: at most one verification runs, and
    // no answer is taken while it does
    @Test
    void of_parallel_verifications_and_answers_no_answer_lands_in_a_running_verification() throws Exception {
        for (int round = 0; round < 50; round++) {
            java.util.concurrent.atomic.AtomicInteger verifying = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger answeredWhileVerifying = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            List<String> outcomes = Races.atOnce(24, () -> {
                boolean verification = n.getAndIncrement() % 2 == 0;
                try (CaseHolds.Held held = verification ? holds.verification(application) : holds.change(application)) {
                    if (verification) {
                        assertEquals(1, verifying.incrementAndGet(), "one verification at a time");
                        Thread.yield();
                        verifying.decrementAndGet();
                        return "verified";
                    }
                    if (verifying.get() > 0) {
                        answeredWhileVerifying.incrementAndGet();
                    }
                    return "answered";
                } catch (ApplicationException e) {
                    return "refused";
                }
            });
            assertEquals(24, outcomes.size());
            assertEquals(0, answeredWhileVerifying.get(), outcomes.toString());
            assertEquals(0, holds.size(), "every hold given back");
        }
    }
}

package org.openikfz.core.internal.lifecycle;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import static org.openikfz.api.application.ApplicationException.Reason.WRONG_STATE;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openikfz.api.application.ApplicationException;
import org.openikfz.store.api.ApplicationStore;
import org.openikfz.store.api.Case;

/**
 * Every change of a case goes through here: the lifecycle's table says whether the transition is
 * allowed, and the store writes it only if the case is still at the version it was read at (compare
 * and set). Two requests for the same case: one wins, the other is told the case moved on.
 */
public final class Cases {

    private Cases() {
    }

    /**
     * Moves {@code from} to {@code to} with {@code edits}, on {@code store} (the caller's transaction).
     *
     * @throws ApplicationException WRONG_STATE when the case changed meanwhile
     * @throws IllegalStateException when the lifecycle does not allow the transition (a bug)
     */
    public static Case move(ApplicationStore store, Case from, CaseState to, UnaryOperator<Case> edits) {
        return move(store, from, to, edits, Map.of());
    }

    /** As {@link #move}, setting the items of dialog data with the change (one statement where the store can). */
    public static Case move(ApplicationStore store, Case from, CaseState to, UnaryOperator<Case> edits, Map<String, String> data) {
        allowed(from, to);
        return store.updateCase(edits.apply(from.withState(to.name())), data).orElseThrow(Cases::movedOn);
    }

    /** As {@link #move}, but empty when the case changed meanwhile (for background work: someone else got there first). */
    public static Optional<Case> tryMove(ApplicationStore store, Case from, CaseState to, UnaryOperator<Case> edits) {
        allowed(from, to);
        return store.updateCase(edits.apply(from.withState(to.name())));
    }

    private static void allowed(Case from, CaseState to) {
        CaseState current = CaseState.of(from.state());
        if (current != to && !current.allows(to)) {
            throw new IllegalStateException("transition " + current + " -> " + to + " is not in the lifecycle");
        }
    }

    /** Changes a case without changing its state (compare and set). */
    public static Case change(ApplicationStore store, Case from, UnaryOperator<Case> edits) {
        return change(store, from, edits, Map.of());
    }

    /** As {@link #change}, setting the items of dialog data with the change (one statement where the store can). */
    public static Case change(ApplicationStore store, Case from, UnaryOperator<Case> edits, Map<String, String> data) {
        return store.updateCase(edits.apply(from), data).orElseThrow(Cases::movedOn);
    }

    public static ApplicationException movedOn() {
        return new ApplicationException(WRONG_STATE, TEXTS.get("cases.your-application-has-moved-on"));
    }
}

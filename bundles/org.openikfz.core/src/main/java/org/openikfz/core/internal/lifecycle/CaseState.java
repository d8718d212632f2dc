package org.openikfz.core.internal.lifecycle;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.openikfz.api.application.ApplicationState;

/**
 * The states an application goes through, and the only transitions between them (one place). The
 * names are kept in the store.
 */
public enum CaseState {
    /** Collecting answers (FZV § 20). */
    DIALOG,
    /** A verification runs: answers are refused until it ends (its lease), so it decides on exactly what it checked. */
    VERIFYING,
    /** FZV § 20(5): verified clear, fees due before submission. */
    AWAITING_PAYMENT,
    /**
     * FZV § 19(1) S. 4 with the 2019 memo on § 15h(1) S. 3: the machine could not decide; the applicant may still
     * apply (fees first, § 20(5); then the clerks decide) or withdraw. Left alone, it is deleted like an unpaid
     * verified application.
     */
    NOT_DECIDABLE,
    /** FZV § 19(1) S. 4: not decidable by machine, on its way to the clerks (the Fachverfahren transfer is queued). */
    MANUAL_REVIEW,
    /** With the clerks: the case file (without codes) stays until a clerk has decided. */
    WITH_CLERKS,
    /** A clerk decided; the case file stays for the letter window. */
    CLERK_DECIDED,
    /** FZV § 23(1): decided automatically, the document is offered for 30 minutes. */
    DECIDED,
    /** The window closed; the transfer is queued (FZV § 19(1), § 23(4)). */
    TRANSFER,
    /** Transferred; the dialog data are deleted (FZV § 19(1) S. 6). */
    COMPLETED,
    /** FZV § 20(4): still opposed after the third correction. */
    ABORTED,
    /** Aborted or abandoned, and the dialog data are deleted: never looked at again. */
    ABORTED_DELETED;

    private static final Map<CaseState, Set<CaseState>> NEXT = Map.ofEntries(
            // withdrawn by the applicant (ABORTED) or abandoned
            Map.entry(DIALOG, EnumSet.of(VERIFYING, ABORTED, ABORTED_DELETED)),
            // a verification ends opposed (back to the dialog, or aborted), failed (not decidable; without fees: to the
            // clerks), or clear; a crashed one's lease expires
            Map.entry(VERIFYING, EnumSet.of(DIALOG, ABORTED, NOT_DECIDABLE, MANUAL_REVIEW, AWAITING_PAYMENT)),
            Map.entry(AWAITING_PAYMENT, EnumSet.of(DECIDED, MANUAL_REVIEW, ABORTED, ABORTED_DELETED)),
            // paid and submitted: the clerks decide; withdrawn; or abandoned
            Map.entry(NOT_DECIDABLE, EnumSet.of(MANUAL_REVIEW, ABORTED, ABORTED_DELETED)),
            Map.entry(MANUAL_REVIEW, EnumSet.of(WITH_CLERKS, CLERK_DECIDED)),
            Map.entry(WITH_CLERKS, EnumSet.of(CLERK_DECIDED)),
            Map.entry(CLERK_DECIDED, EnumSet.of(COMPLETED)),
            Map.entry(DECIDED, EnumSet.of(TRANSFER)),
            Map.entry(TRANSFER, EnumSet.of(COMPLETED)),
            Map.entry(COMPLETED, EnumSet.noneOf(CaseState.class)),
            Map.entry(ABORTED, EnumSet.of(ABORTED_DELETED)),
            Map.entry(ABORTED_DELETED, EnumSet.noneOf(CaseState.class)));

    /** Whether the lifecycle allows going from this state to {@code next}. */
    public boolean allows(CaseState next) {
        return NEXT.get(this).contains(next);
    }

    /** The state as the applicant sees it. */
    public ApplicationState visible() {
        return switch (this) {
            case DIALOG, VERIFYING -> ApplicationState.DIALOG;
            case AWAITING_PAYMENT -> ApplicationState.AWAITING_PAYMENT;
            case NOT_DECIDABLE -> ApplicationState.NOT_DECIDABLE;
            case MANUAL_REVIEW, WITH_CLERKS -> ApplicationState.MANUAL_REVIEW;
            case DECIDED, TRANSFER, CLERK_DECIDED -> ApplicationState.DECIDED;
            case COMPLETED -> ApplicationState.COMPLETED;
            case ABORTED, ABORTED_DELETED -> ApplicationState.ABORTED;
        };
    }

    /** Whether a clerk works on the case in this state. */
    public boolean withClerks() {
        return this == MANUAL_REVIEW || this == WITH_CLERKS || this == CLERK_DECIDED;
    }

    /** The state of a stored name; unknown names (a newer version's) count as aborted, never as open. */
    public static CaseState of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return ABORTED_DELETED;
        }
    }
}

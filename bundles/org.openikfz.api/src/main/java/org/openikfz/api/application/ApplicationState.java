package org.openikfz.api.application;

/** Where an application stands in the lifecycle of FZV §§ 19–23. */
public enum ApplicationState {
    /** The applicant enters data; findings that oppose the application are shown here (§ 20(4)). */
    DIALOG,
    /** The machine verification is clear; the fees must be paid before submission (§ 20(5)). */
    AWAITING_PAYMENT,
    /**
     * The machine could not decide (a check could not be completed): the applicant may still apply — the fees are
     * paid first (§ 20(5)), then the authority's clerks decide (§ 19(1) S. 4) — or withdraw the application
     * (2019 memo on § 15h(1) S. 3: "sofern der Halter ihn dennoch stellt"). @since 1.2
     */
    NOT_DECIDABLE,
    /** A check could not be completed or decided by machine: the authority's clerks decide (§ 19(1) S. 4). */
    MANUAL_REVIEW,
    /** Decided automatically; the decision document is offered for 30 minutes (§ 23(1)). */
    DECIDED,
    /** Application and decision transferred; the dialog data are deleted (§ 19(1) S. 6). */
    COMPLETED,
    /** Aborted (still opposed after the third correction, or withdrawn); dialog data deleted within 30 minutes. */
    ABORTED
}

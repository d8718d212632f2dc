package org.openikfz.core.internal;

import static org.openikfz.core.internal.EngineTexts.TEXTS;

import org.openikfz.api.application.ApplicationState;
import org.openikfz.api.text.LocalizedText;

/** What happens next, told to the applicant for each state. */
final class Texts {

    private Texts() {
    }

    /** After a clerk's decision (FZV § 19(1) S. 4): nothing to download, the decision comes by post. */
    /** ABORTED because the applicant withdrew it. */
    static LocalizedText withdrawn() {
        return TEXTS.get("texts.you-withdrew-the-application-your");
    }

    /** Paid, not submitted yet (the payment page did not bring the applicant back, or the submission failed). */
    static LocalizedText paidNotSubmitted() {
        return TEXTS.get("texts.the-fees-are-paid-please");
    }

    static LocalizedText nextAfterClerk() {
        return TEXTS.get("texts.the-registration-authority-has-examined");
    }

    /** @param effectiveWhenSent the procedure's mailed decision takes effect the day it is sent (else FZV § 23(2)) */
    static LocalizedText next(ApplicationState state, int correctionsLeft, boolean effectiveWhenSent) {
        return switch (state) {
            case DIALOG -> TEXTS.format("texts.enter-and-have-checked", LocalizedText.german(String.valueOf(correctionsLeft)));
            case AWAITING_PAYMENT -> TEXTS.get("texts.your-details-have-been-checked");
            case NOT_DECIDABLE -> TEXTS.get("texts.your-application-cannot-be-decided");
            case MANUAL_REVIEW -> TEXTS.get("texts.your-application-could-not-be");
            case DECIDED -> effectiveWhenSent ? TEXTS.get("texts.your-application-has-been-decided")
                    : TEXTS.get("texts.your-application-has-been-decided-2");
            case COMPLETED -> TEXTS.get("texts.your-application-is-complete-and");
            case ABORTED -> TEXTS.get("texts.the-online-application-was-stopped");
        };
    }
}

package org.openikfz.store.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A case's decision as typed state (FZV § 23): who decided, its reference and dates. No personal data.
 *
 * @param automated decided by the portal (FZV § 19(1)), else by a clerk
 * @param offeredUntil FZV § 23(1): the end of the 30 minutes the document is offered
 * @param retrievedAt the first retrieval of the document, or {@code null}
 * @param mailedOn the day a printout or the clerk's letter was mailed, or {@code null}
 * @param effectiveOn FZV § 23(2): the day the decision took effect, or {@code null} while it has not
 * @param drivingAllowedUntil FZV §§ 31–32: the provisional proof's last day, or {@code null}
 * @since 1.2
 */
public record CaseDecision(
        String reference,
        boolean automated,
        boolean approved,
        Instant decidedAt,
        Instant offeredUntil,
        Instant retrievedAt,
        LocalDate mailedOn,
        LocalDate effectiveOn,
        LocalDate drivingAllowedUntil) {

    public CaseDecision {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    public CaseDecision retrieved(Instant at, LocalDate effective, LocalDate drivingUntil) {
        return new CaseDecision(reference, automated, approved, decidedAt, offeredUntil, at, mailedOn, effective, drivingUntil);
    }

    public CaseDecision mailed(LocalDate on, LocalDate effective) {
        return new CaseDecision(reference, automated, approved, decidedAt, offeredUntil, retrievedAt, on, effective, drivingAllowedUntil);
    }
}

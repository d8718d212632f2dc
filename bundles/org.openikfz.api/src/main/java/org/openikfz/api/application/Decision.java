package org.openikfz.api.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/**
 * A decision on an application (FZV § 23).
 *
 * @param reference    the authority's reference (Aktenzeichen) printed on the document
 * @param automated    decided by the portal, not by a clerk
 * @param decidedAt    when it was decided
 * @param offeredUntil end of the 30 minutes in which the document can be retrieved, or {@code null}
 *                     for a decision that is mailed
 * @param retrievedAt  when the applicant first retrieved the document, or {@code null}
 * @param mailedOn     day the printout was mailed because it was not retrieved, or {@code null}
 * @param effectiveOn  day the decision takes effect: the day of retrieval, or the third day after
 *                     mailing; {@code null} while neither has happened
 * @param summary      what was decided, in plain words
 * @param kennzeichen  the plate the decision is about (for a new registration: the plate assigned), or {@code null}
 * @param drivingAllowedUntil last day the vehicle may be driven with the provisional proof of
 *                     registration (FZV §§ 31–32), or {@code null} when the decision offers none
 */
public record Decision(String reference, boolean automated, Instant decidedAt, Instant offeredUntil, Instant retrievedAt,
        LocalDate mailedOn, LocalDate effectiveOn, LocalizedText summary, String kennzeichen, LocalDate drivingAllowedUntil) {
    public Decision {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(summary, "summary");
    }

    public Decision(String reference, boolean automated, Instant decidedAt, Instant offeredUntil, Instant retrievedAt,
            LocalDate mailedOn, LocalDate effectiveOn, LocalizedText summary) {
        this(reference, automated, decidedAt, offeredUntil, retrievedAt, mailedOn, effectiveOn, summary, null, null);
    }
}

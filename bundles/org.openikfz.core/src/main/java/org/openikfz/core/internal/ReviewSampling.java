package org.openikfz.core.internal;

import java.time.LocalDate;
import java.util.Random;

/**
 * The Vorbehalt der Nachprüfung (FZV § 23(3)): which automated decisions are drawn at random for
 * review, and until when a decision may be revoked.
 */
final class ReviewSampling {

    // FZV § 23(3): open to review, revocation and re-decision for one month from effectiveness
    static final int REVIEW_MONTHS = 1;

    private final double rate;
    private final Random random;

    /** @param rate the probability that a decision is drawn, 0 to 1 */
    ReviewSampling(double rate, Random random) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("review.rate must lie between 0 and 1, is " + rate);
        }
        this.rate = rate;
        this.random = random;
    }

    double rate() {
        return rate;
    }

    /** Draws for one decision. */
    boolean draw() {
        return rate > 0 && random.nextDouble() < rate;
    }

    /** The last day a decision effective on {@code effectiveOn} may be revoked; {@code null} while it is not effective yet. */
    static LocalDate reviewableUntil(LocalDate effectiveOn) {
        return effectiveOn == null ? null : effectiveOn.plusMonths(REVIEW_MONTHS);
    }

    /** Whether a decision effective on {@code effectiveOn} may still be revoked on {@code today}. */
    static boolean revocable(LocalDate effectiveOn, LocalDate today) {
        return effectiveOn == null || !today.isAfter(reviewableUntil(effectiveOn));
    }
}

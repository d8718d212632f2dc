package org.openikfz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** FZV § 23(3): the random draw for review and the one-month window. */
class ReviewSamplingTest {

    @Test
    void overTenThousandDecisionsTheDrawnShareMatchesTheConfiguredRate() {
        for (double rate : new double[] {0.06, 0.2}) {
            ReviewSampling sampling = new ReviewSampling(rate, new SecureRandom());
            int n = 10_000;
            int drawn = 0;
            for (int i = 0; i < n; i++) {
                if (sampling.draw()) {
                    drawn++;
                }
            }
            // binomial: within four standard deviations (fails by chance about once in 16 000 runs)
            double expected = n * rate;
            double tolerance = 4 * Math.sqrt(n * rate * (1 - rate));
            System.out.printf("review.rate %.2f: %d of %d drawn (expected %.0f ± %.0f)%n", rate, drawn, n, expected, tolerance);
            assertTrue(Math.abs(drawn - expected) <= tolerance, drawn + " drawn, expected " + expected + " ± " + tolerance);
        }
    }

    @Test
    void noneOrAll() {
        ReviewSampling none = new ReviewSampling(0, new SecureRandom());
        ReviewSampling all = new ReviewSampling(1, new SecureRandom());
        for (int i = 0; i < 1000; i++) {
            assertFalse(none.draw());
            assertTrue(all.draw());
        }
        assertThrows(IllegalArgumentException.class, () -> new ReviewSampling(1.5, new SecureRandom()));
        assertThrows(IllegalArgumentException.class, () -> new ReviewSampling(Double.NaN, new SecureRandom()));
    }

    @Test
    void revocableForOneMonthFromEffectiveness() {
        LocalDate effective = LocalDate.of(2026, 1, 31);
        assertEquals(LocalDate.of(2026, 2, 28), ReviewSampling.reviewableUntil(effective));
        assertTrue(ReviewSampling.revocable(effective, LocalDate.of(2026, 2, 28)));
        assertFalse(ReviewSampling.revocable(effective, LocalDate.of(2026, 3, 1)));
        assertTrue(ReviewSampling.revocable(null, LocalDate.of(2030, 1, 1)), "not effective yet: still open");
    }
}

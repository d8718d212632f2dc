package org.openikfz.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.openikfz.api.connector.ConnectorUnavailableException;
import org.openikfz.api.connector.PaymentProvider;

/**
 * What the payment provider said about a payment a moment ago, for the status reads of an application whose payment
 * is started and not recorded as paid. Without it every read (a client polling its status, a page reloaded) was a
 * request to the provider, a Land's or the federation's service: a client that reads its status in a loop made us load
 * that service at its own pace (the machine API's rate limit counts changes, not reads). An answer stays
 * {@link #FRESH} for a few seconds; the applicant who comes back from paying comes after longer than that, and
 * submitting asks the provider itself.
 */
final class PaymentLookups {

    /** How long an answer of the provider stands for status reads. */
    static final Duration FRESH = Duration.ofSeconds(3);
    /** At most this many answers kept (one per payment in its window); past it, the stale ones go. */
    private static final int MAX_ANSWERS = 10_000;

    private final ConcurrentHashMap<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(PaymentProvider.Status status, Instant at) {

        boolean freshAt(Instant now) {
            return !at.isAfter(now) && now.isBefore(at.plus(FRESH));
        }
    }

    /** The provider's answer for this payment, asked now or at most {@link #FRESH} ago. */
    PaymentProvider.Status status(PaymentProvider provider, String paymentId, Instant now) throws ConnectorUnavailableException {
        Answer known = answers.get(paymentId);
        if (known != null && known.freshAt(now)) {
            return known.status();
        }
        PaymentProvider.Status status = provider.status(paymentId);
        if (answers.size() >= MAX_ANSWERS) {
            answers.values().removeIf(a -> !a.freshAt(now));
        }
        if (answers.size() < MAX_ANSWERS) {
            answers.put(paymentId, new Answer(status, now));
        }
        return status;
    }
}

package org.openikfz.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link PaymentProvider} that can also cancel a payment implements this too. The engine cancels the open payment
 * of an application that is withdrawn or abandoned, so that its page takes no money for an application that no
 * longer exists; a provider without it leaves such a page payable until the provider's own session ends.
 *
 * @since 1.6
 */
@ConsumerType
public interface PaymentCancellation {

    /**
     * Cancels a payment if it is still open, in one step with its payment (a payment and a cancellation at the same
     * moment end in one of the two, never both).
     *
     * @return the payment's state afterwards: {@link PaymentProvider.Status#FAILED} when it is cancelled (or had
     *         failed), {@link PaymentProvider.Status#PAID} when it was paid (then it stays paid)
     */
    PaymentProvider.Status cancel(String paymentId) throws ConnectorUnavailableException;
}

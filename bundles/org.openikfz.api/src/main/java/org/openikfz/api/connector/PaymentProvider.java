package org.openikfz.api.connector;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;
import org.osgi.annotation.versioning.ConsumerType;

/** The ePayment provider: fees are paid before the application is submitted (FZV § 20(5)). */
@ConsumerType
public interface PaymentProvider {

    /** The state of a payment. */
    enum Status {
        OPEN, PAID, FAILED
    }

    /** A started payment: its id and the page the applicant pays on. */
    record Session(String paymentId, URI paymentPage) {
    }

    /**
     * Starts a payment.
     *
     * @param applicationId the application the fees are for (the payment's purpose reference)
     * @param amount        in euro
     * @param returnTo      where the payment page sends the applicant back
     */
    Session start(UUID applicationId, BigDecimal amount, URI returnTo) throws ConnectorUnavailableException;

    /** The state of a payment started here. */
    Status status(String paymentId) throws ConnectorUnavailableException;
}

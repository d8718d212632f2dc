package org.openikfz.api.arrears;

import java.math.BigDecimal;
import java.util.Objects;
import org.openikfz.api.text.LocalizedText;

/**
 * What the external system answered. That it could not answer is not an answer: the connector throws
 * {@link org.openikfz.api.connector.ConnectorUnavailableException} and the case goes to the clerks.
 */
public sealed interface ArrearsAnswer {

    /** No arrears are recorded for the holder. */
    record Clear() implements ArrearsAnswer {
    }

    /**
     * Arrears are recorded: the application is opposed until they are paid.
     *
     * @param settlement how to settle them, for the applicant: whom to pay, how, with which reference
     * @param amount     the amount owed in euro, when the creditor says it; or {@code null}
     * @param reference  the creditor's reference (Kassenzeichen, Aktenzeichen), or {@code null}
     */
    record Found(LocalizedText settlement, BigDecimal amount, String reference) implements ArrearsAnswer {
        public Found {
            Objects.requireNonNull(settlement, "settlement");
            if (amount != null && amount.signum() <= 0) {
                throw new IllegalArgumentException("an amount owed is positive");
            }
        }
    }

    static ArrearsAnswer clear() {
        return new Clear();
    }

    static ArrearsAnswer found(LocalizedText settlement, BigDecimal amount, String reference) {
        return new Found(settlement, amount, reference);
    }
}

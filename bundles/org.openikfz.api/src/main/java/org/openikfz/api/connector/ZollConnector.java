package org.openikfz.api.connector;

import java.util.Objects;
import org.openikfz.api.value.Iban;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The Zoll (customs), which administers the Kfz-Steuer: it verifies the SEPA direct-debit mandate
 * (FZV Anlage 11 Nr. 5) and answers whether the holder has vehicle-tax arrears (Nr. 6, § 13(2) KraftStG).
 *
 * @since 1.1
 */
@ConsumerType
public interface ZollConnector {

    /**
     * @param accepted        whether the Zoll accepts the mandate
     * @param mandateReference the mandate reference, when accepted
     */
    record Mandate(boolean accepted, String mandateReference) {
    }

    /**
     * Verifies a SEPA mandate for the vehicle tax.
     *
     * @param iban          the account to debit (a secret: never logged)
     * @param accountHolder the account holder's name
     * @param holder        the vehicle's holder (the taxpayer)
     */
    Mandate verifyMandate(Iban iban, String accountHolder, Holder holder) throws ConnectorUnavailableException;

    /**
     * Whether the holder has vehicle-tax arrears that bar a registration (§ 13(2) KraftStG).
     *
     * @deprecated since 1.2 the arrears check asks an {@link org.openikfz.api.arrears.ArrearsConnector}
     *             of kind {@link org.openikfz.api.arrears.ArrearsKind#KFZ_STEUER}; no check calls this any more
     */
    @Deprecated
    boolean hasTaxArrears(Holder holder) throws ConnectorUnavailableException;

    /** Convenience for implementations: a mandate that was refused. */
    static Mandate refused() {
        return new Mandate(false, null);
    }

    /** Convenience for implementations: an accepted mandate. */
    static Mandate accepted(String reference) {
        return new Mandate(true, Objects.requireNonNull(reference, "reference"));
    }
}
